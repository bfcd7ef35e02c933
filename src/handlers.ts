import { DEFAULT_DEADLINE_MS, handleHookRequest } from './hook/handler';
import { HookRuntime } from './hook/runtime';
import type { HookProgressEvent } from './hook/types';

export * from './hook/types';

/**
 * One runtime per Lambda container: its caches are what makes warm invocations cheap.
 * Created on the first invocation, when the environment is complete.
 */
let runtime: HookRuntime | undefined;

interface LambdaContext {
  getRemainingTimeInMillis?: () => number;
}

function deadline(context?: LambdaContext): number {
  const remaining = context?.getRemainingTimeInMillis?.();
  return typeof remaining === 'number' && remaining > 0 ? Math.min(DEFAULT_DEADLINE_MS, remaining - 2000) : DEFAULT_DEADLINE_MS;
}

/** Lambda handler for the registered Hook and for the AWS-managed Lambda Hook alike. */
export async function entrypoint(event: unknown, context?: LambdaContext): Promise<HookProgressEvent> {
  runtime ??= new HookRuntime();
  // The Lambda runtime parsed the event for this call alone: no copy is needed to coerce it.
  return handleHookRequest(event, runtime, { deadlineMs: deadline(context), ownsRequest: true });
}

/**
 * `cfn test`-style entry: a test event carries `credentials`, `request` (target fields)
 * and `typeConfiguration` separately; it is turned into a HookInvocationRequest. A full
 * HookInvocationRequest is accepted as is.
 */
export async function testEntrypoint(event: unknown, context?: LambdaContext): Promise<HookProgressEvent> {
  const e = (event ?? {}) as Record<string, unknown>;
  if (e.requestData !== undefined || e.request === undefined) return entrypoint(event, context);
  const request = (e.request ?? {}) as Record<string, unknown>;
  const invocation = {
    clientRequestToken: request.clientRequestToken ?? 'test-token',
    awsAccountId: request.awsAccountId ?? '123456789012',
    stackId: request.stackId ?? 'arn:aws:cloudformation:us-east-1:123456789012:stack/test/00000000-0000-0000-0000-000000000000',
    hookTypeName: request.hookTypeName ?? 'RCFGE::Config::Hook',
    actionInvocationPoint: e.actionInvocationPoint,
    hookModel: e.typeConfiguration,
    requestData: {
      targetName: request.targetName,
      targetType: request.targetType ?? 'RESOURCE',
      targetLogicalId: request.targetLogicalId,
      targetModel: request.targetModel,
      callerCredentials: e.credentials,
    },
    requestContext: { invocation: 1, callbackContext: e.callbackContext },
  };
  return entrypoint(invocation, context);
}
