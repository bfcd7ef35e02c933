import { isTypeName } from '../engine/file-name';
import type { Operation } from '../engine/enforcer';
import { InvalidRequestError, UnsupportedTargetError } from './errors';
import { type Credentials, HookInvocationPoint, type HookInvocationRequest } from './types';

/** What the handler needs from a request, checked. */
export interface ParsedHookRequest {
  readonly clientRequestToken: string;
  readonly awsAccountId: string;
  readonly stackId: string;
  readonly hookTypeName: string;
  readonly operation: Operation;
  readonly typeName: string;
  readonly logicalId: string;
  readonly properties: Record<string, unknown>;
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

const STACK_LEVEL_TARGETS = new Set(['STACK', 'CHANGE_SET']);

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

export function parseHookRequest(raw: unknown): ParsedHookRequest {
  if (!isRecord(raw)) throw new InvalidRequestError('the request is not a JSON object');
  const clientRequestToken = requireString(raw, 'clientRequestToken', '');
  const awsAccountId = requireString(raw, 'awsAccountId', '');
  if (!/^\d{12}$/.test(awsAccountId)) throw new InvalidRequestError('awsAccountId must be a 12-digit account ID');
  const stackId = requireString(raw, 'stackId', '');
  const hookTypeName = requireString(raw, 'hookTypeName', '');
  const point = raw.actionInvocationPoint;
  const operation = typeof point === 'string' ? OPERATIONS[point] : undefined;
  if (!operation) {
    throw new InvalidRequestError(`actionInvocationPoint ${JSON.stringify(point)} is not one of ${Object.keys(OPERATIONS).join(', ')}`);
  }
  const data = raw.requestData;
  if (!isRecord(data)) throw new InvalidRequestError('requestData is missing or not an object');
  const targetType = data.targetType;
  if ((typeof targetType === 'string' && STACK_LEVEL_TARGETS.has(targetType)) || data.payload !== undefined) {
    throw new UnsupportedTargetError(
      `target type ${String(targetType ?? 'with payload')} is not supported: RCFGE judges resources; configure the Hook with TargetOperations ["RESOURCE"]`,
    );
  }
  const typeName = requireString(data, 'targetName', 'requestData.');
  if (!isTypeName(typeName)) throw new InvalidRequestError(`requestData.targetName ${JSON.stringify(typeName)} is not a resource type name`);
  const model = data.targetModel;
  if (model !== undefined && model !== null && !isRecord(model)) throw new InvalidRequestError('requestData.targetModel is not an object');
  const properties = isRecord(model) ? model.resourceProperties : undefined;
  if (properties !== undefined && properties !== null && !isRecord(properties)) {
    throw new InvalidRequestError('requestData.targetModel.resourceProperties is not an object');
  }
  const hookModel = raw.hookModel;
  if (hookModel !== undefined && hookModel !== null && !isRecord(hookModel)) throw new InvalidRequestError('hookModel is not an object');
  const logGroup = data.providerLogGroupName;
  return {
    clientRequestToken,
    awsAccountId,
    stackId,
    hookTypeName,
    operation,
    typeName,
    logicalId: typeof data.targetLogicalId === 'string' && data.targetLogicalId !== '' ? data.targetLogicalId : '(no logical ID)',
    properties: (properties as Record<string, unknown> | undefined) ?? {},
    hookModel: (hookModel as Record<string, unknown> | undefined) ?? {},
    callerCredentials: parseCredentials(data.callerCredentials, 'callerCredentials'),
    providerCredentials: parseCredentials(data.providerCredentials, 'providerCredentials'),
    providerLogGroupName: typeof logGroup === 'string' && logGroup !== '' ? logGroup : undefined,
  };
}

export type { HookInvocationRequest };
