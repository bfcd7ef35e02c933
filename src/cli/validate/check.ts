import { describeChoices, lineOf, type ResolveContext, type ResolvedBranch, type ResolvedResource, resolveBranches, resolveResource, type StackResource, type StackTemplate } from '../../cfn';
import { Enforcer, type Verdict } from '../../engine/enforcer';
import type { PlaceholderContext } from '../../engine/placeholders';
import { TemplateNotFoundError, TemplateStoreError } from '../../store/errors';
import type { TemplateProvider } from '../../store/types';
import type { LocatedFinding, ResourceResult, ValidationReport } from './model';
import { displayPath, type ValidateOptions } from './options';
import { skipReason } from './skip';

export const HOOK_TYPE_NAME = 'RCFGE::Config::Hook';

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
  const { accountId, region, partition, stackName, stackId, parameterOverrides } = options;
  return { accountId, region, partition, stackName, stackId, parameterOverrides };
}

function placeholderContext(options: ValidateOptions, resource: StackResource): PlaceholderContext {
  return {
    accountID: options.accountId,
    region: options.region,
    partition: options.partition,
    stackId: options.stackId,
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

function locate(verdict: Verdict, template: StackTemplate, resolved: ResolvedResource, cwd: string): LocatedFinding[] {
  const byTemplate = verdict.kind !== 'noncompliant';
  return verdict.findings.map((finding) => {
    // Findings about the template itself (missing, invalid, delete denied) belong to the resource as a whole.
    const line = byTemplate ? resolved.line : lineOf(template, resolved.logicalId, finding.path, resolved);
    if (verdict.kind === 'not-approved') {
      const reason = verdict.cause instanceof TemplateNotFoundError ? ` (${verdict.cause.reason})` : '';
      const where = showLocation(verdict.template, cwd);
      return { path: finding.path, keyword: finding.keyword, message: `type ${resolved.type} not approved: no readable template at ${where}${reason}`, line };
    }
    return { path: finding.path, keyword: finding.keyword, message: withParamHint(relativeText(finding.message, verdict, cwd)), line };
  });
}

function skipped(resource: StackResource, resolved: ResolvedResource, reason: string): ResourceResult {
  return { logicalId: resource.logicalId, type: resource.type, status: 'SKIP', kind: 'skipped', line: resource.line, template: null, findings: [], unresolved: resolved.unresolved, reason };
}

interface Run {
  readonly enforcer: Enforcer;
  readonly template: StackTemplate;
  readonly options: ValidateOptions;
  readonly cwd: string;
  /** Report notes, in template order (pushed before the first await of each resource). */
  readonly notes: string[];
}

/** One branch combination's verdict with its findings located in the stack template. */
interface Judged {
  readonly branch: ResolvedBranch;
  readonly verdict: Verdict;
  readonly findings: LocatedFinding[];
}

async function judge(run: Run, resource: StackResource, branch: ResolvedBranch): Promise<Judged> {
  const { resolved } = branch;
  const verdict = await run.enforcer.check(
    { typeName: resource.type, logicalId: resource.logicalId, operation: run.options.operation, properties: resolved.properties ?? {}, unresolved: resolved.unresolved },
    placeholderContext(run.options, resource),
  );
  if (verdict.kind === 'store-error') {
    const reason = verdict.cause instanceof TemplateStoreError ? verdict.cause.reason : verdict.findings[0]?.message ?? verdict.message;
    throw new TemplateStoreUnavailableError(verdict.template, reason, { cause: verdict.cause });
  }
  return { branch, verdict, findings: locate(verdict, run.template, resolved, run.cwd) };
}

function whenText(judged: readonly Judged[]): string {
  return ` (when ${judged.map((j) => describeChoices(j.branch.choices)).join('; or when ')})`;
}

/**
 * The union of the findings of every branch combination. A finding that every combination
 * has is shown once as it is; one that only some have says under which choices it occurs.
 */
function mergeFindings(all: readonly Judged[]): LocatedFinding[] {
  const byKey = new Map<string, { finding: LocatedFinding; in: Judged[] }>();
  for (const judged of all) {
    for (const finding of judged.findings) {
      const key = `${finding.path}\u0000${finding.keyword}\u0000${finding.message}`;
      const entry = byKey.get(key) ?? { finding, in: [] };
      entry.in.push(judged);
      byKey.set(key, entry);
    }
  }
  const merged = [...byKey.values()].map(({ finding, in: where }) =>
    where.length === all.length ? finding : { ...finding, message: `${finding.message}${whenText(where)}` },
  );
  // Line order within a resource; sort is stable, so findings on one line keep the engine's order.
  return merged.sort((a, b) => a.line - b.line);
}

function union(lists: ReadonlyArray<readonly string[]>): string[] {
  return [...new Set(lists.flat())];
}

function branchesOf(run: Run, resource: StackResource): readonly ResolvedBranch[] {
  const ctx = resolveContext(run.options);
  // A delete checks no properties: one resolution is enough.
  if (run.options.operation === 'DELETE') return [{ choices: {}, resolved: resolveResource(run.template, resource, ctx) }];
  const { branches, unexplored } = resolveBranches(run.template, resource, ctx);
  if (unexplored.length > 0) {
    run.notes.push(
      `${resource.logicalId}: the conditions ${unexplored.join(', ')} cannot be decided locally and have too many combinations to check each; the Fn::If values that depend on them were not checked (give --parameter-overrides for the parameters they test)`,
    );
  }
  return branches;
}

async function checkResource(run: Run, resource: StackResource): Promise<ResourceResult> {
  const { template, options, cwd } = run;
  const branches = branchesOf(run, resource);
  const first = branches[0].resolved;
  const reason = skipReason(first, resource.condition, options.operation);
  if (reason !== undefined) return skipped(resource, first, reason);
  const judged = await Promise.all(branches.map((branch) => judge(run, resource, branch)));
  // The verdict shown is the first failing combination's (or the only one's).
  const deciding = judged.find((j) => j.verdict.status === 'FAIL') ?? judged[0];
  const { verdict } = deciding;
  const noTemplate = verdict.kind === 'not-approved' || verdict.kind === 'missing-allowed' || verdict.kind === 'delete-unrestricted';
  const remediation = verdict.remediation;
  const when = judged.length > 1 && verdict.status === 'FAIL' && !judged.every((j) => j.verdict.status === 'FAIL') ? whenText([deciding]) : '';
  return {
    logicalId: resource.logicalId,
    type: resource.type,
    status: verdict.status,
    kind: verdict.kind,
    line: resource.line,
    template: noTemplate ? null : showLocation(verdict.template, cwd),
    findings: mergeFindings(judged),
    unresolved: union(judged.map((j) => j.branch.resolved.unresolved)),
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
export async function validateStack(template: StackTemplate, options: ValidateOptions, provider: TemplateProvider, cwd: string): Promise<ValidationReport> {
  const notes = template.transforms.map(
    (name) => `the template uses the transform ${name}; macros are not expanded here, so the resources they create are checked only at deploy time`,
  );
  const run: Run = { enforcer: new Enforcer(provider, { missingTemplateAction: options.missingTemplateAction }), template, options, cwd, notes };
  // In parallel: the provider shares one fetch per template file, and S3 latency adds up otherwise.
  const resources = await Promise.all(template.resources.map((resource) => checkResource(run, resource)));
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
