import { conditionValue, type ResolveContext, parseStackTemplate, type StackTemplate } from '../cfn';
import type { Operation } from '../engine/enforcer';
import type { StackPayload } from './change-set';
import { type JudgedResource, judgeTemplate, mergeFindings, type ResourceJudgement, type TemplateRun } from './judge-template';
import { outcomeOf, type ResourceChange, type ResourceOutcome, skippedOutcome } from './outcome';
import { judgeRemovals } from './removals';

/**
 * A stack-level payload carries the template, not the parameter values: a parameter's
 * Default is not necessarily what is deployed, so every parameter is unknown here (its
 * values are not judged; the resource-level and change-set targets see them resolved).
 */
export function withoutParameterDefaults(template: StackTemplate): StackTemplate {
  const parameters = new Map([...template.parameters].map(([name, { default: _, ...rest }]) => [name, rest]));
  return { ...template, parameters };
}

/** Parses a template of the payload. Throws CfnTemplateError (with the line) when it cannot be read. */
export function readPayloadTemplate(text: string, name: string): StackTemplate {
  return withoutParameterDefaults(parseStackTemplate(text, name));
}

/**
 * One judged resource's outcome: FAIL only when it fails whatever the undecidable conditions
 * turn out to be, including its own Condition (false, and CloudFormation never creates it).
 */
function outcomeOfJudged(judged: JudgedResource, change: ResourceChange, exists: boolean | undefined): ResourceOutcome {
  const { resource, branches, deciding } = judged;
  const where = { logicalId: resource.logicalId, type: resource.type, line: resource.line };
  const failing = branches.filter((b) => b.verdict.status === 'FAIL');
  if (failing.length > 0 && exists === undefined) {
    return skippedOutcome(where, change, `it exists only when condition ${resource.condition} is true, which depends on parameter values the stack-level request does not carry; judged when the resource is provisioned`);
  }
  if (failing.length > 0 && failing.length < branches.length) {
    const conditions = Object.keys(deciding.choices).join(', ');
    return skippedOutcome(where, change, `its verdict depends on conditions (${conditions}) decided by parameter values the stack-level request does not carry; judged when the resource is provisioned`);
  }
  return outcomeOf(where, change, deciding.verdict, deciding.verdict.kind === 'noncompliant' ? mergeFindings(judged) : undefined);
}

function outcomesOf(template: StackTemplate, resolve: ResolveContext, judgements: readonly ResourceJudgement[], change: ResourceChange): ResourceOutcome[] {
  return judgements.map((judged) => {
    if (judged.kind === 'not-judged') return skippedOutcome({ logicalId: judged.logicalId, type: judged.type, line: judged.line }, change, judged.reason);
    const { resource } = judged;
    if (judged.kind === 'skipped') return skippedOutcome({ logicalId: resource.logicalId, type: resource.type, line: resource.line }, change, judged.reason);
    return outcomeOfJudged(judged, change, resource.condition === undefined ? true : conditionValue(template, resolve, resource.condition));
  });
}

export type StackRun = Omit<TemplateRun, 'operation'> & { readonly operation: Operation };

/**
 * A STACK target: every resource of the template judged as `rcfge validate` judges it;
 * on an update, every resource the update deletes (removed from the template, or replaced)
 * judged as a deletion; on a stack deletion, each resource of whichever template the
 * payload carries. Throws CfnTemplateError when a template cannot be read.
 */
export async function judgeStackPayload(payload: StackPayload, run: StackRun): Promise<ResourceOutcome[]> {
  if (run.operation === 'DELETE') {
    const text = payload.template || payload.previousTemplate;
    // CloudFormation sends no template with a stack deletion: each resource's delete handler judges it.
    if (text.trim() === '') return [];
    const template = readPayloadTemplate(text, 'template');
    return outcomesOf(template, run.resolve, await judgeTemplate(template, { ...run, operation: 'DELETE' }), 'DELETE');
  }
  const current = readPayloadTemplate(payload.template, 'template');
  const previous = run.operation === 'UPDATE' && payload.previousTemplate.trim() !== '' ? readPayloadTemplate(payload.previousTemplate, 'previousTemplate') : undefined;
  const [judged, removed] = await Promise.all([judgeTemplate(current, run), previous ? judgeRemovals(previous, current, run) : Promise.resolve([])]);
  return [...outcomesOf(current, run.resolve, judged, run.operation === 'UPDATE' ? 'UPDATE' : 'CREATE'), ...removed];
}
