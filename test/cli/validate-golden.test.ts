import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_FORMATS, normaliseGolden } from '../support/golden';
import { FIXTURE_TEMPLATES, FIXTURES, ROOT, runCli, TAG_KEYS } from '../fixtures/validate/cli';

/**
 * Golden files of the CLI output per fixture (cfn-lint style): a change in wording, order,
 * line numbers or SARIF shape shows up as a diff to review. Regenerate with
 * `UPDATE_GOLDEN=1 npx jest test/cli/validate-golden.test.ts`, read the diff, commit.
 */
const GOLDEN = join(__dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const RUN_STDERR = [
  'rcfge validate: test/fixtures/validate/run/broken.yaml:7:1: invalid YAML/JSON: Flow map in block collection must be sufficiently indented and end with a }',
  'rcfge validate: note: skipped test/fixtures/validate/run/package.json: not a CloudFormation template (no Resources section)',
  'rcfge validate: note: skipped test/fixtures/validate/run/settings.yml: not a CloudFormation template (no Resources section)',
].join('\n');

const CASES: Array<{ name: string; argv: string[]; code: number; stderr?: string }> = [
  { name: 'mixed', argv: [`${FIXTURES}/mixed.yaml`, '--templates', FIXTURE_TEMPLATES, TAG_KEYS], code: 1 },
  { name: 'compliant', argv: [`${FIXTURES}/compliant.json`, '--templates', FIXTURE_TEMPLATES, TAG_KEYS, '--account', '111122223333', '--region', 'eu-west-1', '--stack-name', 'app'], code: 0 },
  // A folder (searched recursively) with a broken file, files that are not templates, a .template in a subfolder.
  { name: 'run-dir', argv: [`${FIXTURES}/run`, '--templates', FIXTURE_TEMPLATES, TAG_KEYS], code: 2, stderr: RUN_STDERR },
];
const FORMATS = GOLDEN_FORMATS;

describe.each(CASES)('golden output of rcfge validate $name', ({ name, argv, code, stderr }) => {
  it.each(FORMATS)('--format $format', async ({ format, ext }) => {
    // Prepare
    const file = join(GOLDEN, `${name}.${ext}`);
    // Act
    const run = await runCli(['validate', ...argv, '--format', format], { cwd: ROOT });
    const actual = `${normaliseGolden(format, run.stdout)}\n`;
    // Assess
    expect(run.stderr).toBe(stderr ?? '');
    expect(run.code).toBe(code);
    if (UPDATE) writeFileSync(file, actual);
    expect(existsSync(file)).toBe(true);
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });
});
