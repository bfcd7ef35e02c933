import type { Verdict } from '../engine/enforcer';
import { TemplateNotFoundError } from '../engine/template-provider';
import { HandlerErrorCode, type HookProgressEvent, HookStatus } from './types';

/**
 * The token the member stack's metric filter counts (stacksets/rcfge-member.yaml,
 * HookFailureMetricFilter): one log line starting with it for every FAILED that is not a
 * judgement of the resource. Those failures block deployments for reasons the stack author
 * cannot fix (S3 throttling, a broken template, a bucket policy change), so they page the
 * platform team. A plain word, so the same filter matches Lambda's text log lines and the
 * registered Hook's own CloudWatch lines.
 */
export const FAILURE_MARKER = 'RCFGE_HOOK_FAILURE';

/**
 * The error code worth an alarm, or undefined: every FAILED code but NonCompliant, and the
 * NonCompliant "template unreadable" verdict (S3 AccessDenied although the Hook role may list
 * the prefix: its read access is broken, and every type is refused).
 */
export function alarmingCode(response: HookProgressEvent, verdict: Verdict | undefined): string | undefined {
  if (response.hookStatus !== HookStatus.FAILED) return undefined;
  if (response.errorCode !== HandlerErrorCode.NonCompliant) return response.errorCode ?? HandlerErrorCode.InternalFailure;
  if (verdict?.kind === 'not-approved' && verdict.cause instanceof TemplateNotFoundError && !verdict.cause.definitive) return HandlerErrorCode.AccessDenied;
  return undefined;
}
