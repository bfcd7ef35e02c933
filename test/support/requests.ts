import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from './paths';

export { ROOT };
export const EXAMPLE_PARAMS = readFileSync(join(ROOT, 'templates', 'parameters.example.json'), 'utf8');

export interface RequestOptions {
  typeName?: string;
  logicalId?: string;
  properties?: unknown;
  point?: string;
  hookModel?: Record<string, unknown>;
  account?: string;
  token?: string;
  credentials?: unknown;
}

/** A HookInvocationRequest as CloudFormation sends it (credentials as a JSON string). */
export function hookRequest(options: RequestOptions = {}): Record<string, unknown> {
  const account = options.account ?? '111122223333';
  return {
    clientRequestToken: options.token ?? 'token-1',
    awsAccountId: account,
    stackId: `arn:aws:cloudformation:eu-west-1:${account}:stack/test-stack/11111111-2222-3333-4444-555555555555`,
    hookTypeName: 'RCFGE::Config::Hook',
    hookTypeVersion: '00000001',
    hookModel: options.hookModel ?? { TemplateBucket: 'rcfge-templates', TemplatePrefix: 'templates/', TemplateParameters: EXAMPLE_PARAMS },
    actionInvocationPoint: options.point ?? 'CREATE_PRE_PROVISION',
    requestData: {
      targetName: options.typeName ?? 'AWS::S3::Bucket',
      targetType: 'RESOURCE',
      targetLogicalId: options.logicalId ?? 'MyResource',
      targetModel: { resourceProperties: options.properties ?? {} },
      callerCredentials: options.credentials ?? JSON.stringify({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', sessionToken: 'test' }),
    },
    requestContext: { invocation: 1, callbackContext: null },
  };
}

export function exampleRequest(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, 'examples', 'requests', file), 'utf8'));
}

/** The compliant bucket of the reference architecture, string-typed as CloudFormation sends it. */
export function compliantBucket(): Record<string, unknown> {
  return structuredClone((exampleRequest('1-bucket-own-topic.compliant.json').requestData as { targetModel: { resourceProperties: Record<string, unknown> } }).targetModel.resourceProperties);
}

/** Recursively turns booleans and numbers into strings, as CloudFormation delivers them. */
export function stringTyped(value: unknown): unknown {
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(stringTyped);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringTyped(v)]));
  return value;
}
