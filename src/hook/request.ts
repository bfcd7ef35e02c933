import { isTypeName } from '../engine/file-name';
import type { Operation } from '../engine/enforcer';
import { InvalidRequestError } from './errors';
import { type Credentials, HookInvocationPoint, type HookInvocationRequest } from './types';

/**
 * What is judged: one resource (CloudFormation or Cloud Control), a whole stack operation,
 * or a change set. Stack-level targets carry their content behind a payload URL.
 */
export type TargetKind = 'RESOURCE' | 'STACK' | 'CHANGE_SET';

/** What the handler needs from a request, checked. */
export interface ParsedHookRequest {
  readonly clientRequestToken: string;
  readonly awsAccountId: string;
  /** Empty for Cloud Control API requests (no stack). */
  readonly stackId: string;
  readonly changeSetId?: string;
  readonly hookTypeName: string;
  readonly operation: Operation;
  readonly target: TargetKind;
  /** The resource type; `STACK` or `CHANGE_SET` for stack-level targets. */
  readonly typeName: string;
  /** The resource's logical ID; the stack name (STACK) or the change set ARN (CHANGE_SET). */
  readonly logicalId: string;
  readonly properties: Record<string, unknown>;
  /**
   * Where the target's content is when it is not inline: a presigned URL (always for
   * STACK and CHANGE_SET; for a resource only when its target model is empty).
   */
  readonly payloadUrl?: string;
  /** A stack-level target model given inline (as the wrappers pass it after fetching the payload). */
  readonly inlinePayload?: Record<string, unknown>;
  readonly hookModel: Record<string, unknown>;
  readonly callerCredentials?: Credentials;
  readonly providerCredentials?: Credentials;
  readonly providerLogGroupName?: string;
}

const OPERATIONS: Record<string, Operation> = {
  [HookInvocationPoint.CREATE_PRE_PROVISION]: 'CREATE',
  [HookInvocationPoint.UPDATE_PRE_PROVISION]: 'UPDATE',
  [HookInvocationPoint.DELETE_PRE_PROVISION]: 'DELETE',
};

const STACK_LEVEL_TARGETS = new Set<string>(['STACK', 'CHANGE_SET']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function requireString(record: Record<string, unknown>, key: string, where: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value === '') throw new InvalidRequestError(`${where}${key} is missing or not a string`);
  return value;
}

/** Credentials arrive as a JSON string (current wrappers) or an object (older ones). */
export function parseCredentials(value: unknown, field: string): Credentials | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new InvalidRequestError(`requestData.${field} is not valid JSON`); // never echo the value: it is a secret
    }
  }
  if (!isRecord(parsed) || typeof parsed.accessKeyId !== 'string' || typeof parsed.secretAccessKey !== 'string') {
    throw new InvalidRequestError(`requestData.${field} must hold accessKeyId and secretAccessKey`);
  }
  const sessionToken = typeof parsed.sessionToken === 'string' ? parsed.sessionToken : undefined;
  return { accessKeyId: parsed.accessKeyId, secretAccessKey: parsed.secretAccessKey, sessionToken };
}

/** The token is echoed even when the rest of the request is unusable. */
export function tokenOf(raw: unknown): string | undefined {
  return isRecord(raw) && typeof raw.clientRequestToken === 'string' ? raw.clientRequestToken : undefined;
}

/** Stack-level when the target type (or, failing that, the target name) says so. */
export function targetKindOf(data: Record<string, unknown>): TargetKind {
  const { targetType, targetName } = data;
  if (typeof targetType === 'string' && STACK_LEVEL_TARGETS.has(targetType)) return targetType as TargetKind;
  if (typeof targetName === 'string' && STACK_LEVEL_TARGETS.has(targetName)) return targetName as TargetKind;
  return 'RESOURCE';
}

/** A payload is present only as a non-empty string (`null` on a resource request is no payload). */
function payloadUrlOf(data: Record<string, unknown>): string | undefined {
  const { payload } = data;
  if (payload === undefined || payload === null || payload === '') return undefined;
  if (typeof payload !== 'string') throw new InvalidRequestError('requestData.payload must be a URL string');
  return payload;
}

/** Empty for Cloud Control API requests; a string whenever it is present. */
function optionalString(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new InvalidRequestError(`${key} is not a string`);
  return value;
}

export function isEmptyModel(model: unknown): boolean {
  return model === undefined || model === null || (isRecord(model) && Object.keys(model).length === 0);
}

export interface ParseOptions {
  /** The caller has the stack-level payload already (`rcfge invoke --payload FILE`): no URL is needed. */
  readonly payloadSupplied?: boolean;
}

export function parseHookRequest(raw: unknown, options: ParseOptions = {}): ParsedHookRequest {
  if (!isRecord(raw)) throw new InvalidRequestError('the request is not a JSON object');
  const clientRequestToken = requireString(raw, 'clientRequestToken', '');
  const awsAccountId = requireString(raw, 'awsAccountId', '');
  if (!/^\d{12}$/.test(awsAccountId)) throw new InvalidRequestError('awsAccountId must be a 12-digit account ID');
  const stackId = optionalString(raw, 'stackId') ?? '';
  const changeSetId = optionalString(raw, 'changeSetId') || undefined;
  const hookTypeName = requireString(raw, 'hookTypeName', '');
  const point = raw.actionInvocationPoint;
  const operation = typeof point === 'string' ? OPERATIONS[point] : undefined;
  if (!operation) {
    throw new InvalidRequestError(`actionInvocationPoint ${JSON.stringify(point)} is not one of ${Object.keys(OPERATIONS).join(', ')}`);
  }
  const data = raw.requestData;
  if (!isRecord(data)) throw new InvalidRequestError('requestData is missing or not an object');
  const target = targetKindOf(data);
  const payloadUrl = payloadUrlOf(data);
  const model = data.targetModel;
  if (model !== undefined && model !== null && !isRecord(model)) throw new InvalidRequestError('requestData.targetModel is not an object');
  const hookModel = raw.hookModel;
  if (hookModel !== undefined && hookModel !== null && !isRecord(hookModel)) throw new InvalidRequestError('hookModel is not an object');
  const logGroup = data.providerLogGroupName;
  const common = {
    clientRequestToken,
    awsAccountId,
    stackId,
    ...(changeSetId ? { changeSetId } : {}),
    hookTypeName,
    operation,
    target,
    hookModel: (hookModel as Record<string, unknown> | undefined) ?? {},
    callerCredentials: parseCredentials(data.callerCredentials, 'callerCredentials'),
    providerCredentials: parseCredentials(data.providerCredentials, 'providerCredentials'),
    providerLogGroupName: typeof logGroup === 'string' && logGroup !== '' ? logGroup : undefined,
  };
  const targetLogicalId = typeof data.targetLogicalId === 'string' && data.targetLogicalId !== '' ? data.targetLogicalId : undefined;
  if (target !== 'RESOURCE') {
    const inline = isEmptyModel(model) ? undefined : (model as Record<string, unknown>);
    if (!inline && !payloadUrl && !options.payloadSupplied) throw new InvalidRequestError(`a ${target} request needs requestData.payload (the URL of the ${target === 'STACK' ? 'stack' : 'change set'} payload)`);
    const logicalId = targetLogicalId ?? (target === 'CHANGE_SET' ? (changeSetId ?? '(no change set ID)') : '(no stack name)');
    return { ...common, typeName: target, logicalId, properties: {}, ...(inline ? { inlinePayload: inline } : payloadUrl ? { payloadUrl } : {}) };
  }
  const typeName = requireString(data, 'targetName', 'requestData.');
  if (!isTypeName(typeName)) throw new InvalidRequestError(`requestData.targetName ${JSON.stringify(typeName)} is not a resource type name`);
  const properties = isRecord(model) ? model.resourceProperties : undefined;
  if (properties !== undefined && properties !== null && !isRecord(properties)) {
    throw new InvalidRequestError('requestData.targetModel.resourceProperties is not an object');
  }
  return {
    ...common,
    typeName,
    logicalId: targetLogicalId ?? '(no logical ID)',
    properties: (properties as Record<string, unknown> | undefined) ?? {},
    // As the official wrappers do: the model is fetched only when the request carries none.
    ...(isEmptyModel(model) && payloadUrl ? { payloadUrl } : {}),
  };
}

/** A Cloud Control API request: a resource target with no stack. */
export function isCloudControl(request: ParsedHookRequest): boolean {
  return request.target === 'RESOURCE' && request.stackId === '';
}

export type { HookInvocationRequest };
