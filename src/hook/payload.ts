import type { ChangedResource, ChangeSetPayload, StackPayload } from '../stack/change-set';
import { PayloadError } from './errors';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function invalid(reason: string): PayloadError {
  return new PayloadError(reason, 'InvalidRequest');
}

/** The payload as JSON: fetched text, or an object given inline. */
export function payloadObject(content: unknown): Record<string, unknown> {
  let value = content;
  if (typeof content === 'string') {
    try {
      value = JSON.parse(content);
    } catch (error) {
      throw invalid(`the payload is not JSON (${(error as Error).message.slice(0, 120)})`);
    }
  }
  if (!isRecord(value)) throw invalid('the payload is not a JSON object');
  return value;
}

function text(record: Record<string, unknown>, key: string, where: string): string {
  const value = record[key];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw invalid(`${where}.${key} is not a string`);
  return value;
}

/** `{"template": String, "previousTemplate": String}`; both empty on a stack deletion. */
export function readStackPayload(content: unknown): StackPayload {
  const payload = payloadObject(content);
  if (!('template' in payload) && !('previousTemplate' in payload)) throw invalid('the stack payload has neither "template" nor "previousTemplate"');
  return { kind: 'STACK', template: text(payload, 'template', 'payload'), previousTemplate: text(payload, 'previousTemplate', 'payload') };
}

/** Change set actions, as the Hooks guide spells them and as DescribeChangeSet does. */
const ACTIONS: Record<string, ChangedResource['action']> = {
  CREATE: 'CREATE',
  ADD: 'CREATE',
  IMPORT: 'CREATE',
  UPDATE: 'UPDATE',
  MODIFY: 'UPDATE',
  DYNAMIC: 'UPDATE',
  DELETE: 'DELETE',
  REMOVE: 'DELETE',
};

interface Context {
  readonly properties?: Record<string, unknown>;
  readonly deletionPolicy?: string;
  readonly updateReplacePolicy?: string;
}

/** A before/after context: a JSON string (or object) `{"Properties": {...}}`, or null. */
function readContext(value: unknown, where: string): Context | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw invalid(`${where} is not JSON`);
    }
  }
  if (!isRecord(parsed)) throw invalid(`${where} is not a JSON object`);
  const properties = parsed.Properties;
  if (properties !== undefined && properties !== null && !isRecord(properties)) throw invalid(`${where}.Properties is not an object`);
  const policy = (key: string) => (typeof parsed[key] === 'string' ? (parsed[key] as string) : undefined);
  return {
    properties: (properties as Record<string, unknown> | undefined) ?? {},
    ...(policy('DeletionPolicy') ? { deletionPolicy: policy('DeletionPolicy') } : {}),
    ...(policy('UpdateReplacePolicy') ? { updateReplacePolicy: policy('UpdateReplacePolicy') } : {}),
  };
}

function readChange(entry: unknown, index: number): ChangedResource {
  const where = `changedResources[${index}]`;
  if (!isRecord(entry)) throw invalid(`${where} is not an object`);
  const rawAction = entry.action;
  const action = typeof rawAction === 'string' ? ACTIONS[rawAction.toUpperCase()] : undefined;
  if (!action) throw invalid(`${where}.action ${JSON.stringify(rawAction)} is not CREATE, UPDATE or DELETE`);
  const logicalId = entry.logicalResourceId;
  if (typeof logicalId !== 'string' || logicalId === '') throw invalid(`${where}.logicalResourceId is missing`);
  const type = entry.resourceType;
  if (typeof type !== 'string' || type === '') throw invalid(`${where}.resourceType is missing`);
  // AWS::S3::Bucket, Custom::Name, Org::Svc::Name::MODULE: a name, never a path or free text.
  if (!/^[A-Za-z0-9]{2,64}(::[A-Za-z0-9_@-]{1,64}){1,3}$/.test(type)) throw invalid(`${where}.resourceType ${JSON.stringify(type.slice(0, 100))} is not a resource type name`);
  const before = readContext(entry.beforeContext, `${where}.beforeContext`);
  const after = readContext(entry.afterContext, `${where}.afterContext`);
  if (action !== 'DELETE' && !after) throw invalid(`${where} (${action} ${logicalId}) has no afterContext`);
  const line = entry.lineNumber;
  // The attributes in force for a removal are the ones the resource had; for a replacement, the new ones.
  const policies = action === 'DELETE' ? before : (after ?? before);
  return {
    action,
    logicalId,
    type,
    ...(typeof line === 'number' && Number.isInteger(line) && line > 0 ? { line } : {}),
    ...(before ? { before: before.properties } : {}),
    ...(after ? { after: after.properties } : {}),
    ...(policies?.deletionPolicy ? { deletionPolicy: policies.deletionPolicy } : {}),
    ...(policies?.updateReplacePolicy ? { updateReplacePolicy: policies.updateReplacePolicy } : {}),
  };
}

/** `{"template": String, "changedResources": [{action, logicalResourceId, resourceType, beforeContext, afterContext, lineNumber}]}`. */
export function readChangeSetPayload(content: unknown): ChangeSetPayload {
  const payload = payloadObject(content);
  if (!('template' in payload) && !('changedResources' in payload)) throw invalid('the change set payload has neither "template" nor "changedResources"');
  const changes = payload.changedResources;
  if (changes === undefined || changes === null) return { kind: 'CHANGE_SET', template: text(payload, 'template', 'payload'), changes: [] };
  if (!Array.isArray(changes)) throw invalid('payload.changedResources is not a list');
  return { kind: 'CHANGE_SET', template: text(payload, 'template', 'payload'), changes: changes.map(readChange) };
}

/** A resource model behind a payload URL: `{"resourceProperties": {...}, ...}`. */
export function readResourcePayload(content: unknown): Record<string, unknown> {
  const payload = payloadObject(content);
  const properties = payload.resourceProperties;
  if (properties === undefined || properties === null) return {};
  if (!isRecord(properties)) throw invalid('payload.resourceProperties is not an object');
  return properties;
}
