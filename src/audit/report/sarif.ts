import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { AuditResult } from '../audit';
import type { Check, CheckId } from '../types';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** Drift is drift from what the member stack deploys: results point at its template. */
const MEMBER_TEMPLATE = 'stacksets/rcfge-member.yaml';

const DESCRIPTIONS: Record<CheckId, string> = {
  'stack-instance': 'The StackSet instance is current and not drifted',
  access: 'The audit role can be assumed in the account',
  hook: 'The Hook type exists, at the version the member stack registered',
  configuration: 'The Hook is enabled with the expected FailureMode, TargetOperations and settings',
  stack: 'The member stack is settled, deployed by the StackSet, with the expected parameters',
  function: 'The Lambda Hook function matches its stack (no change outside CloudFormation)',
  bucket: 'The templates bucket answers and holds templates',
};

export interface ToolInfo {
  readonly version: string;
  readonly informationUri?: string;
}

/** One result per check that is not ok: `error` for drift, `warning` for "cannot check". */
export function formatSarif(result: AuditResult, tool: ToolInfo): string {
  const ruleIds: string[] = [];
  const results: Result[] = [];
  const add = (where: string, check: Check): void => {
    if (check.status === 'ok') return;
    const ruleId = `RCFGE.audit.${check.id}`;
    if (!ruleIds.includes(ruleId)) ruleIds.push(ruleId);
    results.push({
      ruleId,
      ruleIndex: ruleIds.indexOf(ruleId),
      level: check.status === 'drift' ? 'error' : 'warning',
      message: { text: `${where}: ${check.status === 'drift' ? '' : 'cannot check: '}${check.message}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: MEMBER_TEMPLATE } }, logicalLocations: [{ name: where, kind: 'module' }] }],
      partialFingerprints: { place: `${where}/${check.id}` },
    });
  };
  for (const place of result.places) for (const check of place.checks) add(`${place.account}/${place.region}`, check);
  add('templates-bucket', result.bucket);
  const rules: ReportingDescriptor[] = ruleIds.map((id) => ({ id, shortDescription: { text: DESCRIPTIONS[id.slice('RCFGE.audit.'.length) as CheckId] } }));
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'rcfge audit', version: tool.version, ...(tool.informationUri ? { informationUri: tool.informationUri } : {}), rules } }, results }],
  };
  return JSON.stringify(log, null, 2);
}
