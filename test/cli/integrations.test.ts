import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, TAG_KEYS } from '../fixtures/validate/cli';
import { sarifErrors } from '../support/sarif';

/**
 * Where users already work (issue 11 item 6): the pre-commit hooks and the composite GitHub
 * Action, run through the very scripts they call (the hook runner and the Actions runner
 * themselves are not available here: the scripts get what those pass them, as documented).
 */
const TEMPLATES = 'test/fixtures/validate/templates';

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, string | boolean>>;
  const hook = (id: string) => hooks.find((h) => h.id === id)!;
  const matches = (id: string, path: string) => new RegExp(String(hook(id).files)).test(path) && !(hook(id).exclude && new RegExp(String(hook(id).exclude)).test(path));

  it('declares validate and lint hooks whose entry is an executable script of this repository, run once per commit', () => {
    expect(hooks.map((h) => h.id)).toEqual(['rcfge-validate', 'rcfge-lint']);
    for (const h of hooks) {
      expect(h).toMatchObject({ language: 'script', require_serial: true });
      expect(() => accessSync(join(ROOT, String(h.entry).split(' ')[0]), constants.X_OK)).not.toThrow();
    }
  });

  it.each([
    ['rcfge-validate', 'stacks/app.yaml', true],
    ['rcfge-validate', 'cfn/network.template', true],
    ['rcfge-validate', 'stacks/app.json', true],
    ['rcfge-validate', '.rcfge.yaml', false],
    ['rcfge-validate', '.github/workflows/ci.yml', false],
    ['rcfge-lint', 'templates/aws-s3-bucket.json', true],
    ['rcfge-lint', 'templates/parameters.example.json', false],
    ['rcfge-lint', 'stacks/app.json', false],
  ])('%s picks %s: %s', (id, path, expected) => {
    expect(matches(id, path)).toBe(expected);
  });

  /** As pre-commit runs a hook: its entry, then the user's args, then the changed files the hook's pattern picks. */
  const runHook = (id: string, args: string[], files: string[]) => {
    const [script, ...entryArgs] = String(hook(id).entry).split(' ');
    for (const file of files) expect(matches(id, file)).toBe(true);
    return spawnSync(join(ROOT, script), [...entryArgs, ...args, ...files], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  };

  it('runs rcfge through the entry script with the files pre-commit passes', () => {
    const ok = runHook('rcfge-validate', ['--templates', TEMPLATES, TAG_KEYS], ['test/fixtures/validate/run/bucket-ok.yaml']);
    const bad = runHook('rcfge-validate', ['--templates', TEMPLATES, TAG_KEYS], ['test/fixtures/validate/run/nested/bucket-open.template']);
    const lint = runHook('rcfge-lint', [], ['templates/aws-s3-bucket.json', 'templates/aws-sqs-queue.json']);
    expect([ok.status, bad.status, lint.status]).toEqual([0, 1, 0]);
    expect(bad.stdout).toContain('FAIL  Open (AWS::S3::Bucket)');
  });

  it('lets a commit through that changes YAML or JSON files which are not stack templates (the validate hook picks every *.yaml and *.json)', () => {
    // A restricted template, a parameters file and an app's settings, beside a stack: only the stack is judged.
    const files = ['templates/aws-s3-bucket.json', 'templates/parameters.example.json', 'test/fixtures/validate/run/settings.yml', 'test/fixtures/validate/run/bucket-ok.yaml'];
    const mixed = runHook('rcfge-validate', ['--templates', TEMPLATES, TAG_KEYS], files);
    const none = runHook('rcfge-validate', ['--templates', TEMPLATES, TAG_KEYS], files.slice(0, 3));
    expect(mixed.stdout).toContain('PASS  Logs (AWS::S3::Bucket)');
    expect(mixed.stderr).toContain('rcfge validate: note: skipped templates/aws-s3-bucket.json: not a CloudFormation template (no Resources section)');
    expect([mixed.status, none.status]).toEqual([0, 0]);
    // A broken stack template is still an error: it has a Resources section.
    const broken = runHook('rcfge-validate', ['--templates', TEMPLATES, TAG_KEYS], ['test/fixtures/validate/run/broken.yaml']);
    expect(broken.status).toBe(2);
  });
});

describe('action.yml (composite GitHub Action)', () => {
  const text = readFileSync(join(ROOT, 'action.yml'), 'utf8');
  const action = parse(text) as { inputs: Record<string, unknown>; runs: { using: string; steps: Array<Record<string, unknown>> } };
  const script = readFileSync(join(ROOT, 'scripts', 'github-action.sh'), 'utf8');

  it('is a composite action whose every input reference is declared and every INPUT_ the script reads is passed', () => {
    expect(action.runs.using).toBe('composite');
    const referenced = [...text.matchAll(/inputs\.([a-z-]+)/g)].map((m) => m[1]);
    expect(referenced.filter((name) => !(name in action.inputs))).toEqual([]);
    const step = action.runs.steps.find((s) => s.id === 'validate')!;
    const passed = Object.keys(step.env as Record<string, string>);
    const read = [...new Set([...script.matchAll(/\$\{(INPUT_[A-Z_]+)/g)].map((m) => m[1]))];
    expect(read.filter((name) => !passed.includes(name))).toEqual([]);
    // CodeQL Action v3 is deprecated in December 2026 (GitHub changelog 2025-10-28); setup-node v5 runs on Node 24.
    const upload = action.runs.steps.find((s) => s.uses === 'github/codeql-action/upload-sarif@v4')!;
    expect(String(upload.if)).toMatch(/^always\(\)/);
    expect(action.runs.steps.map((s) => s.uses).filter(Boolean)).toEqual(['actions/setup-node@v5', 'github/codeql-action/upload-sarif@v4']);
  });

  it('writes valid SARIF even for a broken template, annotates, sets outputs and exits with the verdict', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcfge-action-'));
    const env = {
      ...process.env,
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_OUTPUT: join(dir, 'output'),
      INPUT_PATHS: 'test/fixtures/validate/run',
      INPUT_TEMPLATES: TEMPLATES,
      INPUT_ARGS: TAG_KEYS,
      INPUT_SARIF_FILE: join(dir, 'rcfge.sarif'),
      INPUT_ANNOTATIONS: 'true',
    };
    const run = spawnSync('bash', [join(ROOT, 'scripts', 'github-action.sh')], { cwd: ROOT, encoding: 'utf8', env });
    const sarif = JSON.parse(readFileSync(join(dir, 'rcfge.sarif'), 'utf8'));
    const outputs = readFileSync(join(dir, 'output'), 'utf8');
    rmSync(dir, { recursive: true, force: true });
    expect(run.status).toBe(2);
    expect(sarifErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(run.stdout).toMatch(/^::error file=test\/fixtures\/validate\/run\/nested\/bucket-open\.template,line=6,/m);
    expect(outputs).toBe(`exit-code=2\nsarif-file=${env.INPUT_SARIF_FILE}\n`);
  });

  it('a usage error (a misspelt option in args) leaves no empty SARIF file for the upload step: sarif-file is empty, the error is on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcfge-action-'));
    const env = { ...process.env, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: join(dir, 'output'), INPUT_PATHS: 'test/fixtures/validate/run', INPUT_TEMPLATES: TEMPLATES, INPUT_ARGS: '--fromat json', INPUT_SARIF_FILE: join(dir, 'rcfge.sarif'), INPUT_ANNOTATIONS: 'true' };
    const run = spawnSync('bash', [join(ROOT, 'scripts', 'github-action.sh')], { cwd: ROOT, encoding: 'utf8', env });
    const left = existsSync(join(dir, 'rcfge.sarif'));
    const outputs = readFileSync(join(dir, 'output'), 'utf8');
    rmSync(dir, { recursive: true, force: true });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^rcfge validate: Unknown option '--fromat' \(did you mean "--format"\?\)/m);
    expect(left).toBe(false);
    expect(outputs).toBe('exit-code=2\nsarif-file=\n');
  });
});
