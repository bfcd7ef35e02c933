import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { ROOT, runCli } from '../fixtures/validate/cli';
import { GOLDEN_FORMATS, normaliseGolden } from '../support/golden';
import { sarifErrors } from '../support/sarif';

/**
 * `rcfge lint` over several folders and files in one run, a line on every finding, the CI
 * formats (golden files; regenerate with `UPDATE_GOLDEN=1 npx jest test/authoring/lint-run.test.ts`,
 * read the diff, commit) and `--params-file`.
 */
const GOLDEN = join(__dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const F = 'test/fixtures/lint';
// A clean template, a misspelt property, a file that is not JSON, a required name nobody defines.
const INPUTS = [`${F}/clean`, `${F}/misspelt-property`, `${F}/invalid-json/aws-s3-bucket.json`, `${F}/required-*/*.json`];

describe('golden output of rcfge lint over several inputs', () => {
  it.each(GOLDEN_FORMATS)('--format $format', async ({ format, ext }) => {
    const file = join(GOLDEN, `lint-run.${ext}`);
    const run = await runCli(['lint', ...INPUTS, '--format', format]);
    const actual = `${normaliseGolden(format, run.stdout)}\n`;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    if (UPDATE) writeFileSync(file, actual);
    expect(existsSync(file)).toBe(true);
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });
});

describe('rcfge lint with several inputs', () => {
  it('puts a line on every finding', async () => {
    const run = await runCli(['lint', 'templates', `${F}/open-nested`, `${F}/read-only`, `${F}/typeless-const`, '--format', 'json']);
    const { findings } = JSON.parse(run.stdout) as { findings: Array<{ line?: number; rule: string }> };
    expect(findings.length).toBeGreaterThan(3);
    expect(findings.filter((f) => !Number.isInteger(f.line) || (f.line ?? 0) < 1)).toEqual([]);
  });

  it('writes valid SARIF 2.1.0 whose rules carry help, and exits 2 (still with a log) when an input is missing', async () => {
    const good = JSON.parse((await runCli(['lint', ...INPUTS, '--format', 'sarif'])).stdout) as Log;
    const missing = await runCli(['lint', `${F}/clean`, 'no-such-dir', '--format', 'sarif']);
    expect(sarifErrors(good)).toEqual([]);
    expect(good.runs[0].tool.driver.rules?.every((r) => (r.help?.text ?? '').length > 20)).toBe(true);
    expect(missing.code).toBe(2);
    expect(sarifErrors(JSON.parse(missing.stdout))).toEqual([]);
    expect(missing.stderr).toBe('rcfge lint: cannot read no-such-dir: file not found');
  });

  it('--params-file: every $<param:NAME> needs a value; values no template uses are warnings', async () => {
    const run = await runCli(['lint', `${F}/clean`, '--params-file', 'templates/parameters.example.json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/aws-sqs-queue\.json:9: error \[param-undefined\] \/properties\/QueueName\/pattern: \$<param:Prefix> has no value in templates\/parameters\.example\.json/);
    expect(run.stdout).toMatch(/^templates\/parameters\.example\.json:\d+: warning \[param-unused\] \/OrgId: /m);
    const ok = await runCli(['lint', `${F}/clean`, '--params-file', `${F}/clean/parameters.example.json`]);
    expect(ok.code).toBe(0);
  });

  // What the Hook does with the file's values, not only their names: a list where a template
  // needs one value makes every resource of the type FAIL (template invalid) in every account.
  it('--params-file: a value the Hook could not substitute (a list inside a string) is an error naming the parameter', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcfge-lint-params-'));
    const example = JSON.parse(readFileSync(join(ROOT, 'templates', 'parameters.example.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'parameters.json'), JSON.stringify({ ...example, OrgId: ['o-abcdefghij'] }));

    const run = await runCli(['lint', 'templates', '--params-file', join(dir, 'parameters.json'), '--format', 'json']);
    const { findings } = JSON.parse(run.stdout) as { findings: Array<{ file: string; rule: string; severity: string; message: string }> };
    const errors = findings.filter((f) => f.severity === 'error');

    expect(run.code).toBe(1);
    expect(errors.map((f) => f.file)).toContain('templates/aws-iam-role.json');
    expect(errors.every((f) => f.rule === 'compile' && /OrgId/.test(f.message) && f.message.includes('parameters.json'))).toBe(true);
  });

  it('--params-file without ApprovedPrivilegedActions (an older type configuration) is clean: an undefined approval list approves nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcfge-lint-params-'));
    const { ApprovedPrivilegedActions: _none, ...older } = JSON.parse(readFileSync(join(ROOT, 'templates', 'parameters.example.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'parameters.json'), JSON.stringify(older));
    const run = await runCli(['lint', 'templates', '--params-file', join(dir, 'parameters.json')]);
    expect(run.stdout).not.toContain('ApprovedPrivilegedActions');
    expect(run.code).toBe(0);
    // Any other parameter is still required.
    const { OrgId: _org, ...noOrg } = older;
    writeFileSync(join(dir, 'parameters.json'), JSON.stringify(noOrg));
    expect((await runCli(['lint', 'templates', '--params-file', join(dir, 'parameters.json')])).stdout).toContain('[param-undefined]');
  });

  it('lints the baseline templates with their example parameters: every placeholder has a value', async () => {
    const run = await runCli(['lint', 'templates', '--params-file', 'templates/parameters.example.json']);
    expect(run.stdout).not.toContain('param-undefined');
    expect(run.code).toBe(0);
  });
});
