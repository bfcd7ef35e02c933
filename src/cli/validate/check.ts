import { macrosOf, type ResolveContext, type StackResource, type StackTemplate } from '../../cfn';
import { type EngineCaches, Enforcer, type Verdict } from '../../engine/enforcer';
import type { PlaceholderContext } from '../../engine/placeholders';
import { type JudgedResource, judgeTemplate, type LocatedFinding as StackFinding, mergeFindings, type ResourceJudgement, unresolvedOf, whenText } from '../../stack/judge-template';
import { TemplateNotFoundError, TemplateStoreError } from '../../store/errors';
import type { TemplateProvider } from '../../store/types';
import type { LocatedFinding, ResourceResult, ValidationReport } from './model';
import { displayPath, type ValidateOptions } from './options';
import { type TypoFinder, typoFinder } from './typos';

export const HOOK_TYPE_NAME = 'RCFGE::Config::Hook';

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/**
 * The template store could not answer (network, throttling, wrong bucket): the stack was
 * not judged at all, so `validate` reports an input error (exit 2) instead of a verdict.
 * The Hook fails closed in this case; a CI run fails too, with a message that says why.
 */
export class TemplateStoreUnavailableError extends Error {
  override readonly name = 'TemplateStoreUnavailableError';
  constructor(
    readonly location: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`could not read template ${location}: ${reason}`, options);
  }
}

export function resolveContext(options: ValidateOptions): ResolveContext {
  const { accountId, region, partition, stackName, parameterOverrides } = options;
  // Values the stack gets only when it is created are unknown here, and so never judged.
  return { accountId, region, partition, parameterOverrides, ...(stackName === undefined ? {} : { stackName }) };
}

function placeholderContext(options: ValidateOptions, resource: StackResource): PlaceholderContext {
  return {
    accountID: options.accountId,
    region: options.region,
    partition: options.partition,
    // Known only once the stack exists (a UUID is made at creation): templates using it are not judged.
    stackId: undefined,
    stackName: options.stackName,
    logicalResourceId: resource.logicalId,
    typeName: resource.type,
    hookTypeName: HOOK_TYPE_NAME,
    params: options.params,
  };
}

/** Template locations as the user would type them: relative paths for local folders, s3:// URLs as they are. */
function showLocation(location: string, cwd: string): string {
  return location.startsWith('s3://') ? location : displayPath(location, cwd);
}

/** Engine messages name the template by its full location; show it as the user named the folder. */
function relativeText(text: string, verdict: Verdict, cwd: string): string {
  return text.split(verdict.template).join(showLocation(verdict.template, cwd));
}

/** In the Hook a missing parameter is the type configuration's fault; here, a missing flag. */
function withParamHint(message: string): string {
  const param = /unknown placeholder \$<param:([^>]+)>/.exec(message);
  return param ? `${message} (give --param ${param[1]}=VALUE or --params-file FILE)` : message;
}

/** A template that needs the stack name is judged once the user gives it. */
function contextHint(message: string): string {
  // The stack ID holds a UUID made at creation: no flag can give it.
  return message.includes('$<stackId>') || !message.includes('$<stackName>') ? ' (the Hook judges it at deploy time)' : ' (give --stack-name NAME to judge it)';
}

/** A finding as the CLI words it: paths relative to the working directory, hints at flags. */
/** Keywords whose finding names a property the template does not approve. */
const UNAPPROVED_NAME = new Set(['additionalProperties', 'unevaluatedProperties']);

function shown(finding: StackFinding, verdict: Verdict, type: string, cwd: string, typos: TypoFinder): LocatedFinding {
  if (verdict.kind === 'not-approved') {
    const reason = verdict.cause instanceof TemplateNotFoundError ? ` (${verdict.cause.reason})` : '';
    return { ...finding, message: `type ${type} not approved: no readable template at ${showLocation(verdict.template, cwd)}${reason}` };
  }
  const typo = UNAPPROVED_NAME.has(finding.keyword) ? typos.describe(type, finding.path) : undefined;
  if (typo) {
    // A name the official schema lacks is a typo, not a request for approval; keep "(when ...)" of a branch.
    const when = / \(when [^()]*\)$/.exec(finding.message)?.[0] ?? '';
    return { ...finding, message: `${typo}${when}` };
  }
  return { ...finding, message: withParamHint(relativeText(finding.message, verdict, cwd)) };
}

/** The first store failure in template order: nothing was judged where it happened. */
function storeFailure(judgements: readonly ResourceJudgement[]): TemplateStoreUnavailableError | undefined {
  for (const judged of judgements) {
    if (judged.kind !== 'judged') continue;
    const failed = judged.branches.find((b) => b.verdict.kind === 'store-error')?.verdict;
    if (!failed) continue;
    const reason = failed.cause instanceof TemplateStoreError ? failed.cause.reason : failed.findings[0]?.message ?? failed.message;
    return new TemplateStoreUnavailableError(failed.template, reason, { cause: failed.cause });
  }
  return undefined;
}

function unexploredNote(judged: JudgedResource): string {
  return `${judged.resource.logicalId}: the conditions ${judged.unexplored.join(', ')} cannot be decided locally and have too many combinations to check each; the Fn::If values that depend on them were not checked (give --parameter-overrides for the parameters they test)`;
}

function resultOf(judged: ResourceJudgement, cwd: string, typos: TypoFinder): ResourceResult {
  if (judged.kind === 'not-judged') {
    return { logicalId: judged.logicalId, type: judged.type, status: 'SKIP', kind: 'not-judged', line: judged.line, template: null, findings: [], unresolved: [], reason: judged.reason };
  }
  const { resource } = judged;
  if (judged.kind === 'skipped') {
    return { logicalId: resource.logicalId, type: resource.type, status: 'SKIP', kind: 'skipped', line: resource.line, template: null, findings: [], unresolved: judged.resolved.unresolved, reason: judged.reason };
  }
  const { deciding, branches } = judged;
  const { verdict } = deciding;
  if (verdict.kind === 'not-judged') {
    // Decided before any property is read: every branch says the same.
    const reason = `${relativeText(verdict.findings[0]?.message ?? verdict.message, verdict, cwd)}${contextHint(verdict.message)}`;
    return { logicalId: resource.logicalId, type: resource.type, status: 'SKIP', kind: 'not-judged', line: resource.line, template: showLocation(verdict.template, cwd), findings: [], unresolved: unresolvedOf(judged), reason };
  }
  const noTemplate = verdict.kind === 'not-approved' || verdict.kind === 'missing-allowed' || verdict.kind === 'delete-unrestricted';
  const remediation = verdict.remediation;
  const when = branches.length > 1 && verdict.status === 'FAIL' && !branches.every((b) => b.verdict.status === 'FAIL') ? whenText([deciding]) : '';
  return {
    logicalId: resource.logicalId,
    type: resource.type,
    status: verdict.status,
    kind: verdict.kind,
    line: resource.line,
    template: noTemplate ? null : showLocation(verdict.template, cwd),
    findings: mergeFindings(judged).map((f) => shown(f, verdict, resource.type, cwd, typos)),
    unresolved: unresolvedOf(judged),
    message: `${relativeText(verdict.message, verdict, cwd)}${when}`,
    ...(remediation ? { remediation } : {}),
  };
}

/** `--prefix templates` finds `templatesaws-s3-bucket.json`: when nothing was found at all, say so. */
function prefixHint(options: ValidateOptions, resources: readonly ResourceResult[]): string | undefined {
  const { source } = options;
  if (source.kind !== 's3' || source.prefix === '' || source.prefix.endsWith('/')) return undefined;
  const judged = resources.filter((r) => r.status !== 'SKIP');
  if (judged.length === 0 || !judged.every((r) => r.kind === 'not-approved')) return undefined;
  return `every type is "not approved": the key is --prefix followed by the file name (s3://${source.bucket}/${source.prefix}aws-...json); did you mean --prefix ${source.prefix}/ ?`;
}

/**
 * Runs the Hook's engine on every resource of a stack template, in template order.
 * Throws TemplateStoreUnavailableError when the store cannot answer.
 */
export async function validateStack(template: StackTemplate, options: ValidateOptions, provider: TemplateProvider, cwd: string, caches?: EngineCaches): Promise<ValidationReport> {
  const notes = [
    ...(template.transforms.includes(SAM_TRANSFORM) ? [`the template uses the transform ${SAM_TRANSFORM}: the resources it makes of AWS::Serverless::* ones are judged by the Hook at deploy time, not here`] : []),
    ...macrosOf(template).map((name) => `the template uses the macro ${name}: macros are not run here, so its resources are not judged (the Hook judges what the macro makes at deploy time)`),
  ];
  const judgements = await judgeTemplate(template, {
    enforcer: new Enforcer(provider, { missingTemplateAction: options.missingTemplateAction }, caches),
    resolve: resolveContext(options),
    operation: options.operation,
    placeholders: (resource) => placeholderContext(options, resource),
  });
  const failure = storeFailure(judgements);
  if (failure) throw failure;
  for (const judged of judgements) if (judged.kind === 'judged' && judged.unexplored.length > 0) notes.push(unexploredNote(judged));
  const typos = typoFinder(cwd, process.env);
  const resources = judgements.map((judged) => resultOf(judged, cwd, typos));
  const hint = prefixHint(options, resources);
  if (hint) notes.push(hint);
  return {
    file: options.displayFile,
    operation: options.operation,
    compliant: resources.every((r) => r.status !== 'FAIL'),
    resources,
    notes,
  };
}
