import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { FIXTURE_TEMPLATES, FIXTURES, ROOT, runCli, TAG_KEYS } from '../fixtures/validate/cli';
import { sarifErrors } from '../support/sarif';
import { sarifValidator } from '../support/sarif-schema';
import { toolInfoOf } from '../../src/cli/format';
import { formatSarifLog } from '../../src/cli/format/sarif-log';

async function sarifOf(argv: string[]): Promise<Log> {
  const run = await runCli(['validate', ...argv, '--format', 'sarif']);
  return JSON.parse(run.stdout) as Log;
}

const MIXED = [`${FIXTURES}/mixed.yaml`, '--templates', FIXTURE_TEMPLATES, TAG_KEYS];

describe('rcfge validate --format sarif', () => {
  it('is valid SARIF 2.1.0 (official JSON schema)', async () => {
    // Prepare
    const validate = sarifValidator();
    // Act
    const log = await sarifOf(MIXED);
    // Assess
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is caught by the schema check when broken (the check can fail)', async () => {
    const validate = sarifValidator();
    const log = (await sarifOf(MIXED)) as unknown as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  // The golden logs include a run over a folder with a broken file (notifications, exit 2) and lint's.
  const goldenLogs = ['test/cli/golden', 'test/authoring/golden'].flatMap((dir) => readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.sarif')).map((f) => `${dir}/${f}`));
  it.each(goldenLogs)('golden %s is valid SARIF 2.1.0', (file) => {
    expect(sarifErrors(JSON.parse(readFileSync(join(ROOT, file), 'utf8')))).toEqual([]);
  });

  it('has one error result per finding, located at the finding line of the stack file', async () => {
    const log = await sarifOf(MIXED);
    const results = log.runs[0].results ?? [];
    expect(results).toHaveLength(5);
    expect(results.every((r) => r.level === 'error')).toBe(true);
    const topic = results.find((r) => r.ruleId === 'FIX-S3-2');
    expect(topic?.locations?.[0].physicalLocation).toEqual({ artifactLocation: { uri: 'test/fixtures/validate/mixed.yaml', uriBaseId: '%SRCROOT%', index: 0 }, region: { startLine: 50 } });
  });

  it('names a template rule by its x-rcfge id, with its title, remediation (help) and controls', async () => {
    const log = await sarifOf(MIXED);
    const rule = log.runs[0].tool.driver.rules?.find((r) => r.id === 'FIX-S3-2');
    expect(rule).toEqual({
      id: 'FIX-S3-2',
      shortDescription: { text: 'Buckets notify only topics of their own account and region' },
      help: { text: "Create the topic in this stack's account and region." },
      properties: { controls: ['FIX.S3.2'] },
    });
    expect(log.runs[0].results?.map((r) => r.ruleId)).toEqual(['RCFGE.template-not-approved', 'RCFGE.required', 'RCFGE.additionalProperties', 'FIX-S3-2', 'RCFGE.enum']);
  });

  it('lists every rule it uses, with a description, and uses stable ids for template failures', async () => {
    const log = await sarifOf(MIXED);
    const driver = log.runs[0].tool.driver;
    const used = [...new Set((log.runs[0].results ?? []).map((r) => r.ruleId))];
    expect(driver.name).toBe('rcfge');
    expect(driver.rules?.map((r) => r.id)).toEqual(used);
    expect(used).toContain('RCFGE.template-not-approved');
    expect(driver.rules?.every((r) => (r.shortDescription?.text ?? '').length > 10)).toBe(true);
    for (const result of log.runs[0].results ?? []) expect(driver.rules?.[result.ruleIndex ?? -1].id).toBe(result.ruleId);
  });

  it('reports an invalid template as RCFGE.template-invalid', async () => {
    const log = await sarifOf([`${FIXTURES}/mixed.yaml`, '--templates', `${FIXTURES}/broken`, '--param', 'Missing=x']);
    expect((log.runs[0].results ?? []).map((r) => r.ruleId)).toContain('RCFGE.template-invalid');
  });
});

describe('SARIF tool information', () => {
  it('takes informationUri from package.json homepage, and leaves it out when the project has none (no made-up link)', () => {
    // Act
    const withHome = toolInfoOf({ version: '1.2.3', homepage: 'https://github.com/example-org/rcfge#readme' });
    const without = toolInfoOf({ version: '1.2.3' });
    const notAUrl = toolInfoOf({ version: '1.2.3', homepage: 'see README' });
    // Assess
    expect(withHome).toEqual({ version: '1.2.3', informationUri: 'https://github.com/example-org/rcfge#readme' });
    expect(without).toEqual({ version: '1.2.3' });
    expect(notAUrl).toEqual({ version: '1.2.3' });
    const run = { command: 'rcfge validate', files: [], rules: [] };
    expect(JSON.parse(formatSarifLog(run, withHome, ROOT)).runs[0].tool.driver.informationUri).toBe('https://github.com/example-org/rcfge#readme');
    expect(JSON.parse(formatSarifLog(run, without, ROOT)).runs[0].tool.driver).not.toHaveProperty('informationUri');
  });

  it('the CLI log carries what package.json says', async () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { homepage?: string };
    const log = await sarifOf(MIXED);
    expect(log.runs[0].tool.driver.informationUri).toBe(manifest.homepage);
  });
});
