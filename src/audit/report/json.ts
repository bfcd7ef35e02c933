import type { AuditResult } from '../audit';
import { countsOf, exitCodeOf } from './summary';

/** The whole result, for scripts: `healthy` is true only when everything was checked and nothing drifted. */
export function formatJson(result: AuditResult): string {
  return JSON.stringify(
    {
      healthy: exitCodeOf(result) === 0,
      stackSet: result.stackSet,
      expected: result.expected,
      summary: { places: result.places.length, ...countsOf(result.places) },
      bucket: result.bucket,
      places: result.places.map((p) => ({ account: p.account, region: p.region, status: p.status, checks: p.checks })),
    },
    null,
    2,
  );
}
