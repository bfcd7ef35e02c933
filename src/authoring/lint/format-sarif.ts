import type { Log, Result } from 'sarif';
import { type LintRule, RULE_DESCRIPTIONS } from './finding';
import type { LintReport } from './lint-directory';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** SARIF 2.1.0 for code-scanning UIs; the JSON Pointer goes in the message and as a logical location. */
export function formatSarif(report: LintReport): string {
  const rules = Object.keys(RULE_DESCRIPTIONS) as LintRule[];
  const results: Result[] = report.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: rules.indexOf(f.rule),
    level: LEVEL[f.severity],
    message: { text: `${f.path || '/'}: ${f.message}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: f.file.split('\\').join('/') }, ...(f.line === undefined ? {} : { region: { startLine: f.line, startColumn: f.column ?? 1 } }) }, logicalLocations: [{ fullyQualifiedName: f.path || '/', kind: 'member' }] }],
  }));
  const log: Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{ tool: { driver: { name: 'rcfge lint', rules: rules.map((id) => ({ id, shortDescription: { text: RULE_DESCRIPTIONS[id] } })) } }, results }],
  };
  return JSON.stringify(log, null, 2);
}
