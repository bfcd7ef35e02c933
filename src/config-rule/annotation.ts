import type { Check, PlaceStatus } from '../audit/types';

/** PutEvaluations keeps at most 256 characters of annotation. */
export const MAX_ANNOTATION = 256;

/**
 * What the evaluation says in the Config console: the verdict first, then what drifted (or
 * could not be checked), most important first, cut to the API's limit.
 */
export function annotationOf(status: PlaceStatus, checks: readonly Check[]): string {
  const text =
    status === 'OK'
      ? `OK: ${checks.filter((c) => c.id === 'hook' || c.id === 'configuration').map((c) => c.message).join('; ')}`
      : `${status === 'DRIFT' ? 'DRIFT' : 'CANNOT CHECK'}: ${[...checks.filter((c) => c.status === 'drift'), ...checks.filter((c) => c.status === 'unknown')].map((c) => `${c.id}: ${c.message}`).join(' | ')}`;
  return text.length > MAX_ANNOTATION ? `${text.slice(0, MAX_ANNOTATION - 1)}…` : text;
}
