import type { Verdict } from '../engine/enforcer';
import { clip, MAX_MESSAGE_CHARS, violationMessage } from '../engine/message';
import type { StackVerdict } from '../stack/stack-verdict';
import { stackAnnotations } from './annotations';
import { HandlerErrorCode, type HookProgressEvent, HookStatus } from './types';

/** Cloud Control API operations show at most 1,024 characters of a hook message (Hooks guide). */
export const CLOUD_CONTROL_MESSAGE_CHARS = 1024;

export function success(token: string | undefined, message?: string): HookProgressEvent {
  return { hookStatus: HookStatus.SUCCESS, message: message === undefined ? undefined : clip(message, MAX_MESSAGE_CHARS), clientRequestToken: token, callbackContext: undefined, callbackDelaySeconds: 0 };
}

/** FAILED always carries an error code and a message (cut to what the console shows). */
export function failed(token: string | undefined, errorCode: HandlerErrorCode, message: string): HookProgressEvent {
  return { hookStatus: HookStatus.FAILED, errorCode, message: clip(message, MAX_MESSAGE_CHARS), clientRequestToken: token, callbackContext: undefined, callbackDelaySeconds: 0 };
}

const STORE_CODES = new Set<string>(Object.values(HandlerErrorCode));

function errorCodeOf(verdict: Pick<Verdict, 'kind' | 'errorCode'>): HandlerErrorCode {
  switch (verdict.kind) {
    case 'noncompliant':
    case 'not-approved':
    case 'delete-denied':
      return HandlerErrorCode.NonCompliant;
    case 'store-error':
      return verdict.errorCode && STORE_CODES.has(verdict.errorCode) ? (verdict.errorCode as HandlerErrorCode) : HandlerErrorCode.InternalFailure;
    default:
      return HandlerErrorCode.InternalFailure;
  }
}

/**
 * A resource verdict as a response. With a `max` below the console's 4,096 (Cloud Control:
 * 1,024), violations are listed again to fit, so the cut never falls mid-sentence.
 */
export function fromVerdict(token: string | undefined, verdict: Verdict, resource?: { typeName: string; logicalId: string }, max = MAX_MESSAGE_CHARS): HookProgressEvent {
  let message = verdict.message;
  if (max < MAX_MESSAGE_CHARS) {
    message =
      verdict.kind === 'noncompliant' && resource
        ? violationMessage({ typeName: resource.typeName, logicalId: resource.logicalId, template: verdict.template, findings: verdict.findings, remediation: verdict.remediation }, max)
        : clip(message, max);
  }
  return verdict.status === 'PASS' ? success(token, message) : failed(token, errorCodeOf(verdict), message);
}

/** A stack-level verdict as a response, with one annotation per finding. */
export function fromStackVerdict(token: string | undefined, verdict: StackVerdict): HookProgressEvent {
  const code = verdict.errorCode && STORE_CODES.has(verdict.errorCode) ? (verdict.errorCode as HandlerErrorCode) : HandlerErrorCode.InternalFailure;
  const response = verdict.status === 'PASS' ? success(token, verdict.message) : failed(token, code, verdict.message);
  return { ...response, annotations: stackAnnotations(verdict.status, verdict.message, verdict.outcomes) };
}
