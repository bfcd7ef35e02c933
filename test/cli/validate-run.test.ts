import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { FIXTURE_TEMPLATES, FIXTURES, ROOT, runCli, TAG_KEYS } from '../fixtures/validate/cli';
import { sarifErrors } from '../support/sarif';
import type { CliIO } from '../../src/cli/command';
import { main } from '../../src/cli/main';

/** Several files, folders and globs in one `rcfge validate` run. */
const RUN = `${FIXTURES}/run`;
const COMMON = ['--templates', FIXTURE_TEMPLATES, TAG_KEYS];

describe('rcfge validate with several inputs', () => {
  it('gives one JSON document for the run: every file, the worst exit code', async () => {
    const run = await runCli(['validate', `${FIXTURES}/compliant.json`, `${FIXTURES}/mixed.yaml`, ...COMMON, '--format', 'json']);
    const doc = JSON.parse(run.stdout);
    expect(run.code).toBe(1);
    expect(doc.files.map((f: { file: string; status: string }) => [f.file, f.status])).toEqual([
      [`${FIXTURES}/compliant.json`, 'compliant'],
      [`${FIXTURES}/mixed.yaml`, 'non-compliant'],
    ]);
    expect(new Set(doc.resources.map((r: { file: string }) => r.file))).toEqual(new Set([`${FIXTURES}/compliant.json`, `${FIXTURES}/mixed.yaml`]));
    expect(doc.file).toBeUndefined();
  });

  it('goes on after a file that cannot be checked, and exits 2', async () => {
    const run = await runCli(['validate', 'no-such.yaml', `${FIXTURES}/compliant.json`, ...COMMON, '--account', '111122223333', '--region', 'eu-west-1', '--format', 'json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).files).toEqual([
      { file: 'no-such.yaml', status: 'error', error: 'cannot read no-such.yaml: file not found' },
      expect.objectContaining({ file: `${FIXTURES}/compliant.json`, status: 'compliant' }),
    ]);
    expect(run.stderr).toBe('rcfge validate: cannot read no-such.yaml: file not found');
  });

  it('expands a glob (quoted, as CI files write it) recursively', async () => {
    const run = await runCli(['validate', `${RUN}/**/*.template`, ...COMMON, '--format', 'json']);
    expect(JSON.parse(run.stdout).files.map((f: { file: string }) => f.file)).toEqual([`${RUN}/nested/bucket-open.template`]);
    expect(run.code).toBe(1);
  });

  it('follows a symbolic link to a folder once: a link back to a parent does not check the same file over and over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcfge-loop-'));
    try {
      mkdirSync(join(dir, 'stacks', 'app'), { recursive: true });
      copyFileSync(join(ROOT, FIXTURES, 'compliant.json'), join(dir, 'stacks', 'app', 'stack.json'));
      symlinkSync('..', join(dir, 'stacks', 'app', 'up'));
      mkdirSync(join(dir, 'shared'));
      copyFileSync(join(ROOT, FIXTURES, 'compliant.json'), join(dir, 'shared', 'queue.json'));
      symlinkSync(join(dir, 'shared'), join(dir, 'stacks', 'shared'));
      const run = await runCli(['validate', 'stacks', '--templates', join(ROOT, FIXTURE_TEMPLATES), TAG_KEYS, '--format', 'json'], { cwd: dir });
      expect(JSON.parse(run.stdout).files.map((f: { file: string }) => f.file)).toEqual(['stacks/app/stack.json', 'stacks/shared/queue.json']);
      expect(run.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks a file named on the command line even if it does not look like a template', async () => {
    const run = await runCli(['validate', `${RUN}/settings.yml`, ...COMMON]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^rcfge validate: test\/fixtures\/validate\/run\/settings\.yml:\d+: /);
  });

  describe('--parameter-overrides over several stacks (as aws cloudformation deploy: a stack takes the names it declares)', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'rcfge-overrides-run-'));
      const group = (extra: string) => `Parameters:\n  Env: {Type: String, AllowedValues: [dev, prod]}\n${extra}Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 400\n`;
      writeFileSync(join(dir, 'a-env.yaml'), group(''));
      writeFileSync(join(dir, 'b-plain.yaml'), 'Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 400\n');
      writeFileSync(join(dir, 'c-env-tier.yaml'), group('  Tier: {Type: String, Default: web}\n'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const validate = (...extra: string[]) => runCli(['validate', dir, '--templates', join(ROOT, FIXTURE_TEMPLATES), TAG_KEYS, '--format', 'json', ...extra], { cwd: dir });

    it('applies an override to the stacks that declare it and leaves the others alone', async () => {
      const run = await validate('--parameter-overrides', 'Env=prod', 'Tier=api');
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout).files.map((f: { status: string }) => f.status)).toEqual(['compliant', 'compliant', 'compliant']);
      expect(run.code).toBe(0);
    });

    it('still checks the value against a stack that declares the name', async () => {
      const run = await validate('--parameter-overrides', 'Env=staging');
      expect(JSON.parse(run.stdout).files.map((f: { status: string }) => f.status)).toEqual(['error', 'compliant', 'error']);
      expect(run.code).toBe(2);
    });

    it('refuses a name no stack of the run declares (a typo), naming it once', async () => {
      const run = await validate('--parameter-overrides', 'Evn=prod');
      expect(run.code).toBe(2);
      expect(run.stderr).toBe('rcfge validate: --parameter-overrides Evn: no stack template of this run declares a parameter Evn (they declare Env, Tier)');
      expect(JSON.parse(run.stdout).error).toMatch(/no stack template of this run declares a parameter Evn/);
    });
  });

  it('does not count a file in which nothing was judged as compliant (issue 9 item 8)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcfge-nothing-judged-'));
    try {
      writeFileSync(join(dir, 'a-custom.yaml'), 'Resources:\n  X:\n    Type: Custom::Thing\n    Properties: {ServiceToken: arn}\n');
      writeFileSync(join(dir, 'b-macro.yaml'), 'Transform: MyMacro\nResources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 400\n');
      writeFileSync(join(dir, 'c-judged.yaml'), 'Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 400\n      Unapproved: x\n');
      const text = await runCli(['validate', dir, ...COMMON]);
      expect(text.stdout.split('\n').at(-1)).toBe('3 file(s): 0 compliant, 1 NOT compliant, 2 with nothing judged, 0 could not be checked');
      const json = await runCli(['validate', join(dir, 'a-custom.yaml'), join(dir, 'b-macro.yaml'), ...COMMON, '--format', 'json']);
      expect(JSON.parse(json.stdout).fileSummary).toEqual({ files: 2, compliant: 0, nonCompliant: 0, nothingJudged: 2, errors: 0, skipped: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the file in every per-file error', async () => {
    const run = await runCli(['validate', `${FIXTURES}/compliant.json`, `${FIXTURES}/mixed.yaml`, ...COMMON, '--parameter-overrides', 'Nope=1']);
    expect(run.stderr.split('\n')).toEqual([
      'rcfge validate: --parameter-overrides Nope: no stack template of this run declares a parameter Nope (they declare Env)',
    ]);
    const single = await runCli(['validate', `${FIXTURES}/compliant.json`, ...COMMON, '--parameter-overrides', 'Nope=1']);
    expect(single.stderr).toBe(`rcfge validate: ${FIXTURES}/compliant.json: --parameter-overrides Nope: the stack template has no parameter Nope (it declares none)`);
  });

  it('says so when a folder holds no template', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcfge-empty-run-'));
    writeFileSync(join(dir, 'values.yaml'), 'replicas: 2\n');
    const run = await runCli(['validate', dir, ...COMMON, '--format', 'sarif']);
    rmSync(dir, { recursive: true, force: true });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/rcfge validate: no CloudFormation templates in /);
    expect(sarifErrors(JSON.parse(run.stdout))).toEqual([]);
  });

  it('shows a progress line on a terminal for several files, and clears it', async () => {
    const lines: string[] = [];
    const io: CliIO = { stdout: () => undefined, stderr: () => undefined, env: { RCFGE_HOME: process.env.RCFGE_HOME }, cwd: ROOT, isTTY: true, progress: (t) => lines.push(t) };
    await main(['validate', `${FIXTURES}/compliant.json`, `${FIXTURES}/mixed.yaml`, ...COMMON], io);
    expect(lines[0]).toBe(`[1/2] ${FIXTURES}/compliant.json`);
    expect(lines.at(-1)).toBe('');
  });
});

describe('rcfge validate --format sarif on broken input (always a valid log)', () => {
  it.each([
    ['a folder with a broken file', [RUN, ...COMMON]],
    ['a stack template with a syntax error', [`${RUN}/broken.yaml`, ...COMMON]],
    ['a missing templates folder', [`${FIXTURES}/mixed.yaml`, '--templates', 'no-such-dir']],
    ['a missing $<param:NAME>', [`${FIXTURES}/mixed.yaml`, '--templates', FIXTURE_TEMPLATES]],
  ])('%s: exit 2, valid SARIF 2.1.0, the error as a tool execution notification', async (_label, argv) => {
    const run = await runCli(['validate', ...argv, '--format', 'sarif']);
    const log = JSON.parse(run.stdout) as Log;
    expect(run.code).toBe(2);
    expect(sarifErrors(log)).toEqual([]);
    const invocation = log.runs[0].invocations?.[0];
    expect(invocation?.executionSuccessful).toBe(false);
    expect(invocation?.toolExecutionNotifications?.some((n) => n.level === 'error')).toBe(true);
    expect(run.stderr).toMatch(/^rcfge validate: /);
  });

  it('locates the syntax error and keeps the other files results; relative URIs against %SRCROOT%', async () => {
    const log = JSON.parse((await runCli(['validate', RUN, ...COMMON, '--format', 'sarif'])).stdout) as Log;
    const [notification] = log.runs[0].invocations?.[0].toolExecutionNotifications ?? [];
    expect(notification.locations?.[0].physicalLocation).toEqual({ artifactLocation: { uri: `${RUN}/broken.yaml`, uriBaseId: '%SRCROOT%', index: 0 }, region: { startLine: 7, startColumn: 1 } });
    // The file is named once (the reader's message already starts with it).
    expect(notification.message.text).toMatch(new RegExp(`^${RUN}/broken\\.yaml:7:1: invalid YAML`));
    expect(log.runs[0].results?.map((r) => r.ruleId)).toEqual(['RCFGE.required', 'RCFGE.additionalProperties', 'RCFGE.enum']);
    expect(log.runs[0].artifacts?.every((a) => a.location?.uriBaseId === '%SRCROOT%' && !a.location.uri?.startsWith('/'))).toBe(true);
    expect(log.runs[0].tool.driver.rules?.every((r) => (r.help?.text ?? '').length > 20)).toBe(true);
  });
});
