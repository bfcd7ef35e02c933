import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { FIXTURE_TEMPLATES, FIXTURES, ROOT, TAG_KEYS } from '../fixtures/validate/cli';

/** The installed command, as CI runs it: `node bin/rcfge.js` on the esbuild bundle. */
function rcfge(args: string[]) {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'rcfge.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
});

describe('bin/rcfge.js validate (built bundle, separate process)', () => {
  it('exits 0 for a compliant stack', () => {
    const run = rcfge(['validate', `${FIXTURES}/compliant.json`, '--templates', FIXTURE_TEMPLATES, TAG_KEYS, '--account', '111122223333', '--region', 'eu-west-1']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('exits 1 for a non-compliant stack and prints valid JSON', () => {
    const run = rcfge(['validate', `${FIXTURES}/mixed.yaml`, '--templates', FIXTURE_TEMPLATES, TAG_KEYS, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).compliant).toBe(false);
  });

  it.each([
    [['validate', 'no-such-stack.yaml'], 'cannot read no-such-stack.yaml: file not found'],
    [['validate', `${FIXTURES}/mixed.yaml`, '--frobnicate'], "Unknown option '--frobnicate'"],
  ])('exits 2 for %j with one line on stderr and no stack trace', (args, message) => {
    const run = rcfge(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
