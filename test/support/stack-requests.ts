import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_PARAMS, ROOT } from './requests';

export const STACK_ID = 'arn:aws:cloudformation:eu-west-1:111122223333:stack/app-stack/11111111-2222-3333-4444-555555555555';
export const CHANGE_SET_ID = 'arn:aws:cloudformation:eu-west-1:111122223333:changeSet/app-change/66666666-7777-8888-9999-000000000000';

export interface StackRequestOptions {
  readonly target?: 'STACK' | 'CHANGE_SET';
  readonly point?: 'CREATE_PRE_PROVISION' | 'UPDATE_PRE_PROVISION' | 'DELETE_PRE_PROVISION';
  readonly payload?: string | null;
  readonly targetModel?: unknown;
  readonly hookModel?: Record<string, unknown>;
  readonly stackId?: string;
  readonly token?: string;
}

/**
 * A stack-level HookInvocationRequest as the Lambda Hooks guide shows it: targetName and
 * targetType STACK (or CHANGE_SET), the stack name (or change set ARN) as logical ID, no
 * target model, and the payload's presigned URL.
 */
export function stackRequest(options: StackRequestOptions = {}): Record<string, unknown> {
  const target = options.target ?? 'STACK';
  return {
    clientRequestToken: options.token ?? 'stack-token-1',
    awsAccountId: '111122223333',
    stackId: options.stackId ?? STACK_ID,
    changeSetId: target === 'CHANGE_SET' ? CHANGE_SET_ID : null,
    hookTypeName: 'RCFGE::Config::Hook',
    hookTypeVersion: '00000001',
    hookModel: options.hookModel ?? { TemplateBucket: 'rcfge-templates', TemplatePrefix: 'templates/', TemplateParameters: EXAMPLE_PARAMS },
    actionInvocationPoint: options.point ?? 'CREATE_PRE_PROVISION',
    requestData: {
      targetName: target,
      targetType: target,
      targetLogicalId: target === 'STACK' ? 'app-stack' : CHANGE_SET_ID,
      targetModel: options.targetModel ?? null,
      payload: options.payload === undefined ? null : options.payload,
      callerCredentials: JSON.stringify({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', sessionToken: 'test' }),
      providerCredentials: null,
      providerLogGroupName: null,
    },
    requestContext: { invocation: 1, callbackContext: null },
  };
}

/** `{"template", "previousTemplate"}` as JSON text. */
export function stackPayload(template: string, previousTemplate = ''): string {
  return JSON.stringify({ template, previousTemplate });
}

export interface Change {
  readonly action: 'CREATE' | 'UPDATE' | 'DELETE';
  readonly logicalId: string;
  readonly type: string;
  readonly before?: Record<string, unknown>;
  readonly after?: Record<string, unknown>;
  readonly line?: number;
}

/** `{"template", "changedResources"}` with contexts as JSON strings, as CloudFormation sends them. */
export function changeSetPayload(changes: readonly Change[], template = ''): string {
  return JSON.stringify({
    template,
    changedResources: changes.map((c) => ({
      action: c.action,
      beforeContext: c.before ? JSON.stringify({ Properties: c.before }) : null,
      afterContext: c.after ? JSON.stringify({ Properties: c.after }) : null,
      lineNumber: c.line ?? null,
      logicalResourceId: c.logicalId,
      resourceType: c.type,
    })),
  });
}

export function examplePayload(file: string): string {
  return readFileSync(join(ROOT, 'examples', 'payloads', file), 'utf8');
}

/**
 * Every example request, with each stack-level one's payload served by `server` (the
 * examples name a production presigned URL): what the demo does with the local S3 server.
 */
export function localExampleRequests(server: { serve(path: string, route: { kind: 'body'; body: string }): string }): { file: string; request: Record<string, unknown> }[] {
  const dir = join(ROOT, 'examples', 'requests');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const request = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      if (typeof request.requestData?.payload === 'string') request.requestData.payload = server.serve(`/examples/${file}`, { kind: 'body', body: examplePayload(file) });
      return { file, request };
    });
}
