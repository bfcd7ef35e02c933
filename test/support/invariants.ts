import type { HookProgressEvent } from '../../src/hook/types';

const STATUSES = new Set(['SUCCESS', 'FAILED']);

/**
 * Everything that must hold for any response to any input, as a list of problems
 * (empty = fine), so property tests can show exactly what broke.
 */
export function responseProblems(response: unknown, raw: unknown): string[] {
  const problems: string[] = [];
  if (response === null || typeof response !== 'object') return [`response is ${String(response)}, not an object`];
  const r = response as HookProgressEvent;
  if (!STATUSES.has(r.hookStatus)) problems.push(`hookStatus ${JSON.stringify(r.hookStatus)} is not SUCCESS or FAILED`);
  if (r.callbackDelaySeconds !== 0) problems.push(`callbackDelaySeconds is ${String(r.callbackDelaySeconds)}`);
  if (r.hookStatus === 'FAILED') {
    if (typeof r.errorCode !== 'string' || String(r.errorCode) === '') problems.push('FAILED without errorCode');
    if (typeof r.message !== 'string' || r.message === '') problems.push('FAILED without message');
  }
  if (r.hookStatus === 'SUCCESS' && r.errorCode !== undefined) problems.push(`SUCCESS with errorCode ${r.errorCode}`);
  if (typeof r.message === 'string' && r.message.length > 4096) problems.push(`message is ${r.message.length} characters (> 4096)`);
  problems.push(...annotationProblems(r.annotations));
  const token = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>).clientRequestToken : undefined;
  if (typeof token === 'string' && r.clientRequestToken !== token) problems.push(`clientRequestToken ${JSON.stringify(r.clientRequestToken)} does not echo ${JSON.stringify(token)}`);
  try {
    JSON.stringify(r);
  } catch (error) {
    problems.push(`response is not serialisable: ${(error as Error).message}`);
  }
  return problems;
}

const ANNOTATION_STATUSES = new Set(['PASSED', 'FAILED', 'SKIPPED']);
const SEVERITIES = new Set(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);

/** Annotations as the Hooks guide defines them, within the limits the API keeps (and this Hook's count cap). */
function annotationProblems(annotations: unknown): string[] {
  if (annotations === undefined) return [];
  if (!Array.isArray(annotations)) return ['annotations is not a list'];
  const problems: string[] = [];
  if (annotations.length > 100) problems.push(`${annotations.length} annotations (> 100)`);
  for (const a of annotations as Record<string, unknown>[]) {
    if (typeof a.annotationName !== 'string' || a.annotationName === '' || a.annotationName.length > 1024) problems.push(`bad annotationName ${JSON.stringify(a.annotationName)}`);
    if (!ANNOTATION_STATUSES.has(a.status as string)) problems.push(`bad annotation status ${JSON.stringify(a.status)}`);
    for (const key of ['statusMessage', 'remediationMessage'] as const) {
      if (a[key] !== undefined && (typeof a[key] !== 'string' || (a[key] as string).length > 16_384)) problems.push(`bad ${key}`);
    }
    if (a.severityLevel !== undefined && !SEVERITIES.has(a.severityLevel as string)) problems.push(`bad severityLevel ${JSON.stringify(a.severityLevel)}`);
  }
  return problems;
}

/** The part of a response that must not change when the same input is sent again. */
export function verdictOf(response: HookProgressEvent): string {
  return JSON.stringify([response.hookStatus, response.errorCode ?? null, response.message ?? null]);
}

/** Own keys of Object.prototype: a polluting input adds one. */
export function prototypeKeys(): string[] {
  return Object.getOwnPropertyNames(Object.prototype).sort();
}
