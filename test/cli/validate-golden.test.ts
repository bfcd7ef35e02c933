import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
  { name: 'compliant', argv: [`${FIXTURES}/compliant.json`, '--templates', FIXTURE_TEMPLATES, TAG_KEYS, '--account', '111122223333', '--region', 'eu-west-1'], code: 0 },
  // A folder (searched recursively) with a broken file, files that are not templates, a .template in a subfolder.
  { name: 'run-dir', argv: [`${FIXTURES}/run`, '--templates', FIXTURE_TEMPLATES, TAG_KEYS], code: 2, stderr: RUN_STDERR },
];
const FORMATS = [
  { format: 'text', ext: 'txt' },
  { format: 'json', ext: 'json' },
  { format: 'sarif', ext: 'sarif' },
  { format: 'junit', ext: 'junit.xml' },
  { format: 'github', ext: 'github.txt' },
];

/** The tool version changes with every release and the checkout's folder with every machine; the golden files should not. */
function normalise(format: string, output: string): string {
  if (format !== 'sarif') return output;
  const log = JSON.parse(output);
  log.runs[0].tool.driver.version = '<version>';
  expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(`${pathToFileURL(ROOT).href}/`);
  log.runs[0].originalUriBaseIds['%SRCROOT%'].uri = 'file:///<checkout>/';
  return JSON.stringify(log, null, 2);
}

describe.each(CASES)('golden output of rcfge validate $name', ({ name, argv, code, stderr }) => {
  it.each(FORMATS)('--format $format', async ({ format, ext }) => {
    // Prepare
    const file = join(GOLDEN, `${name}.${ext}`);
    // Act
    const run = await runCli(['validate', ...argv, '--format', format], { cwd: ROOT });
    const actual = `${normalise(format, run.stdout)}\n`;
    // Assess
    expect(run.stderr).toBe(stderr ?? '');
    expect(run.code).toBe(code);
    if (UPDATE) writeFileSync(file, actual);
    expect(existsSync(file)).toBe(true);
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });
});
