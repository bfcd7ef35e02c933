import type { AuditResult } from '../audit';
import { countsOf, expectationLine, placeLine, STATUS_LABEL } from './summary';

const WIDTH = STATUS_LABEL.CANNOT_CHECK.length;

/** One line per account and region, then the bucket, then the totals. */
export function formatText(result: AuditResult): string {
  const lines = [`StackSet ${result.stackSet}: expecting ${expectationLine(result.expected)}`];
  for (const place of result.places) {
    lines.push(`${STATUS_LABEL[place.status].padEnd(WIDTH)}  ${place.account}  ${place.region.padEnd(14)}  ${placeLine(place)}`);
  }
  const bucketStatus = result.bucket.status === 'ok' ? 'OK' : result.bucket.status === 'drift' ? 'DRIFT' : 'CANNOT CHECK';
  lines.push(`${bucketStatus.padEnd(WIDTH)}  bucket        ${result.bucket.message}`);
  const c = countsOf(result.places);
  const none = result.places.length === 0 ? ' (no stack instance to check)' : '';
  lines.push(`${result.places.length} account-region(s)${none}: ${c.ok} OK, ${c.drift} DRIFT, ${c.cannotCheck} CANNOT CHECK; bucket ${bucketStatus}`);
  return lines.join('\n');
}
