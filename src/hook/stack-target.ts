import { CfnTemplateError } from '../cfn/errors';
import type { StackResource } from '../cfn/types';
import type { Enforcer } from '../engine/enforcer';
import type { PlaceholderContext } from '../engine/placeholders';
import type { HookPlaceholderContext } from './context';
import { judgeChangeSet } from '../stack/judge-change-set';
import { type StackVerdict, stackVerdict } from '../stack/stack-verdict';
import { PayloadError } from './errors';
import type { InvocationLog } from './logger';
import { readChangeSetPayload, readStackPayload } from './payload';
import type { ParsedHookRequest } from './request';

export interface StackTargetInput {
  readonly request: ParsedHookRequest;
  readonly enforcer: Enforcer;
  /** The request's placeholder context; each resource fills in its own logical ID and type. */
  readonly context: HookPlaceholderContext;
  /** The payload: fetched from its URL, given inline, or read from a file by `rcfge invoke`. */
  readonly content: () => Promise<unknown>;
  readonly log: InvocationLog;
}

/** `arn:aws:cloudformation:eu-west-1:111122223333:changeSet/name/uuid` -> `name`. */
function changeSetName(id: string): string {
  return /:changeSet\/([^/]+)\//.exec(id)?.[1] ?? id;
}

function subjectOf(request: ParsedHookRequest, stackName: string): string {
  if (request.target === 'CHANGE_SET') return `Change set ${changeSetName(request.logicalId)} of stack ${stackName || '(unknown)'}`;
  const verb = request.operation === 'CREATE' ? 'creation' : request.operation === 'UPDATE' ? 'update' : 'deletion';
  return `Stack ${stackName || request.logicalId} (${verb})`;
}

function forResource(context: PlaceholderContext, resource: { logicalId: string; type: string }): PlaceholderContext {
  return { ...context, logicalResourceId: resource.logicalId, typeName: resource.type };
}

/**
 * Room for the verdict line's fields: the logger cuts a line past 16 KiB, which would leave
 * CloudWatch Logs (and Logs Insights) a line that is no longer JSON.
 */
const LOG_LINE_BUDGET = 15 * 1024;

/** Every failing resource's logical ID (as room allows), then the detail of as many as fit. */
function logOutcomes(log: InvocationLog, request: ParsedHookRequest, verdict: StackVerdict): void {
  const failing = verdict.outcomes.filter((o) => o.status === 'FAIL');
  const failingIds: string[] = [];
  const details: unknown[] = [];
  let used = 400 + request.logicalId.length + request.stackId.length + (request.changeSetId?.length ?? 0);
  for (const o of failing) {
    const cost = JSON.stringify(o.logicalId).length + 1;
    if (used + cost > LOG_LINE_BUDGET / 2) break;
    failingIds.push(o.logicalId);
    used += cost;
  }
  for (const o of failing.slice(0, 50)) {
    const detail = (findings: readonly unknown[]) => ({ logicalId: o.logicalId, type: o.type, change: o.change, kind: o.kind, template: o.template, findings });
    const full = detail(o.findings.slice(0, 20));
    const entry = used + JSON.stringify(full).length + 1 <= LOG_LINE_BUDGET ? full : detail(o.findings.slice(0, 1));
    const cost = JSON.stringify(entry).length + 1;
    if (used + cost > LOG_LINE_BUDGET) break;
    details.push(entry);
    used += cost;
  }
  log.info(`${request.target} ${request.operation} ${request.logicalId}: ${verdict.status} (${failing.length} failing of ${verdict.outcomes.length})`, {
    stackId: request.stackId,
    ...(request.changeSetId ? { changeSetId: request.changeSetId } : {}),
    failingCount: failing.length,
    failingIds,
    failing: details,
  });
}

/**
 * A STACK or CHANGE_SET invocation: payload -> every resource judged by the one Enforcer ->
 * one verdict. A template in the payload that cannot be read fails closed.
 */
export async function judgeStackTarget(input: StackTargetInput): Promise<StackVerdict> {
  const { request, enforcer, context, log } = input;
  const content = await input.content();
  const placeholders = (resource: Pick<StackResource, 'logicalId' | 'type'>) => forResource(context, resource);
  let outcomes;
  try {
    if (request.target === 'CHANGE_SET') {
      outcomes = await judgeChangeSet(readChangeSetPayload(content), { enforcer, placeholders });
    } else {
      // The template parser (and its YAML chunk) is loaded by the first STACK request only.
      const { judgeStackPayload } = require('../stack/judge-stack') as typeof import('../stack/judge-stack');
      const resolve = { accountId: context.accountID, region: context.region, partition: context.partition, stackName: context.stackName, stackId: context.stackId, parameterOverrides: {} };
      outcomes = await judgeStackPayload(readStackPayload(content), { enforcer, resolve, operation: request.operation, placeholders });
    }
  } catch (error) {
    if (error instanceof CfnTemplateError) throw new PayloadError(`the stack template in the payload cannot be read: ${error.message}`, 'InvalidRequest', { cause: error });
    throw error;
  }
  const verdict = stackVerdict(subjectOf(request, context.stackName), outcomes);
  logOutcomes(log, request, verdict);
  return verdict;
}
