import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_TEMPLATES, FIXTURES, ROOT, runCli, TAG_KEYS } from '../fixtures/validate/cli';

/**
 * Golden files of the CLI output per fixture (cfn-lint style): a change in wording, order,
 * line numbers or SARIF shape shows up as a diff to review. Regenerate with
 * `UPDATE_GOLDEN=1 npx jest test/cli/validate-golden.test.ts`, read the diff, commit.
 */
const GOLDEN = join(__dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const CASES: Array<{ name: string; argv: string[]; code: number }> = [
  { name: 'mixed', argv: [`${FIXTURES}/mixed.yaml`, '--templates', FIXTURE_TEMPLATES, TAG_KEYS], code: 1 },
  { name: 'compliant', argv: [`${FIXTURES}/compliant.json`, '--templates', FIXTURE_TEMPLATES, TAG_KEYS, '--account', '111122223333', '--region', 'eu-west-1'], code: 0 },
];
const FORMATS = [
  { format: 'text', ext: 'txt' },
  { format: 'json', ext: 'json' },
  { format: 'sarif', ext: 'sarif' },
];

/** The tool version changes with every release; the golden files should not. */
function normalise(format: string, output: string): string {
  if (format !== 'sarif') return output;
  const log = JSON.parse(output);
  log.runs[0].tool.driver.version = '<version>';
  return JSON.stringify(log, null, 2);
}

describe.each(CASES)('golden output of rcfge validate $name', ({ name, argv, code }) => {
  it.each(FORMATS)('--format $format', async ({ format, ext }) => {
    // Prepare
    const file = join(GOLDEN, `${name}.${ext}`);
    // Act
    const run = await runCli(['validate', ...argv, '--format', format], { cwd: ROOT });
    const actual = `${normalise(format, run.stdout)}\n`;
    // Assess
    expect(run.stderr).toBe('');
    expect(run.code).toBe(code);
    if (UPDATE) writeFileSync(file, actual);
    expect(existsSync(file)).toBe(true);
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });
});
