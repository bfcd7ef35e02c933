import type { AuditResult } from '../audit';
import type { Check, Expectation, PlaceReport, PlaceStatus } from '../types';

export const STATUS_LABEL: Record<PlaceStatus, string> = { OK: 'OK', DRIFT: 'DRIFT', CANNOT_CHECK: 'CANNOT CHECK' };

/** One line for a place: what is wrong (or could not be checked), else what was found. */
export function placeLine(place: PlaceReport): string {
  const notOk = place.checks.filter((c) => c.status !== 'ok');
  const shown = notOk.length > 0 ? notOk : place.checks.filter((c) => c.id === 'hook' || c.id === 'configuration');
  return shown.map((c) => `${c.id}: ${c.message}`).join(' | ');
}

export function expectationLine(e: Expectation): string {
  const release = e.release === undefined ? '' : `, release ${e.release}`;
  return `${e.hookMode} Hook, FailureMode ${e.failureMode}, TargetOperations ${e.targetOperations.join(',')}, templates s3://${e.templateBucket}/${e.templatePrefix} (owner ${e.templateBucketOwner}, ${e.templateBucketRegion}), MissingTemplateAction ${e.missingTemplateAction}${release}`;
}

export interface Counts {
  readonly ok: number;
  readonly drift: number;
  readonly cannotCheck: number;
}

export function countsOf(places: readonly PlaceReport[]): Counts {
  return {
    ok: places.filter((p) => p.status === 'OK').length,
    drift: places.filter((p) => p.status === 'DRIFT').length,
    cannotCheck: places.filter((p) => p.status === 'CANNOT_CHECK').length,
  };
}

/** Exit code: 1 on any drift (a known problem outranks an unknown one), 2 when anything could not be checked, else 0. */
export function exitCodeOf(result: AuditResult): 0 | 1 | 2 {
  const statuses: Check['status'][] = [result.bucket.status, ...result.places.map((p) => (p.status === 'OK' ? 'ok' : p.status === 'DRIFT' ? 'drift' : 'unknown'))];
  if (statuses.includes('drift')) return 1;
  if (statuses.includes('unknown') || result.places.length === 0) return 2;
  return 0;
}
