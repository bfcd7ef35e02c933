import type { Verdict } from '../engine/enforcer';
import { clip, MAX_MESSAGE_CHARS } from '../engine/message';
import { HandlerErrorCode, type HookProgressEvent, HookStatus } from './types';

export function success(token: string | undefined, message?: string): HookProgressEvent {
  return { hookStatus: HookStatus.SUCCESS, message: message === undefined ? undefined : clip(message, MAX_MESSAGE_CHARS), clientRequestToken: token, callbackContext: undefined, callbackDelaySeconds: 0 };
}

/** FAILED always carries an error code and a message (cut to what the console shows). */
export function failed(token: string | undefined, errorCode: HandlerErrorCode, message: string): HookProgressEvent {
  return { hookStatus: HookStatus.FAILED, errorCode, message: clip(message, MAX_MESSAGE_CHARS), clientRequestToken: token, callbackContext: undefined, callbackDelaySeconds: 0 };
}

const STORE_CODES = new Set<string>(Object.values(HandlerErrorCode));

function errorCodeOf(verdict: Verdict): HandlerErrorCode {
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

export function fromVerdict(token: string | undefined, verdict: Verdict): HookProgressEvent {
  return verdict.status === 'PASS' ? success(token, verdict.message) : failed(token, errorCodeOf(verdict), verdict.message);
}
