import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_OPTIONS } from '../../src/cli/config/apply';
import { LINT_FLAGS } from '../../src/cli/lint';
import { PUBLISH_FLAGS } from '../../src/cli/publish';
import { VALIDATE_FLAGS } from '../../src/cli/validate';
import { FIXTURE_TEMPLATES, ROOT, runCli } from '../fixtures/validate/cli';

/**
 * `.rcfge.yaml` / `.rcfge.yml` in the working directory or its nearest parent: long option
 * names, flags win, paths relative to the file's folder, and validate says where its
 * account, region and stack name came from.
 */
let project: string;
beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'rcfge-config-'));
  mkdirSync(join(project, 'stacks', 'deep'), { recursive: true });
  // The stack names its own account: validate must be told the right one, or the ARN is refused.
  writeFileSync(
    join(project, 'stacks', 'deep', 'stack.yaml'),
    'Resources:\n  Alerts:\n    Type: AWS::SNS::Topic\n    Properties:\n      KmsMasterKeyId: arn:aws:kms:eu-west-1:012345678901:alias/alerts\n',
  );
  mkdirSync(join(project, 'tpl'));
  const key = { type: 'string', pattern: '^arn:aws:kms:$<region>:$<accountID>:alias/$<param:KeyAlias>$' };
  writeFileSync(join(project, 'tpl', 'aws-sns-topic.json'), JSON.stringify({ typeName: 'AWS::SNS::Topic', type: 'object', additionalProperties: false, properties: { KmsMasterKeyId: key } }));
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

const config = (text: string, name = '.rcfge.yaml') => writeFileSync(join(project, name), text);
const validate = (argv: string[], cwd = join(project, 'stacks', 'deep')) => runCli(['validate', 'stack.yaml', ...argv], { cwd });

describe('config file', () => {
  it('fills account, region and templates from the nearest parent folder, and validate says where each came from', async () => {
    // Prepare: account with a leading zero (kept as written), templates relative to the config file
    config('account: 012345678901\nregion: eu-west-1\ntemplates: tpl\nparam:\n  KeyAlias: alerts\n');
    // Act
    const run = await validate([]);
    rmSync(join(project, '.rcfge.yaml'));
    const without = await validate(['--templates', join(project, 'tpl'), '--param', 'KeyAlias=alerts']);
    // Assess
    expect(run.stdout.split('\n')[0]).toBe(`context: account 012345678901 (../../.rcfge.yaml), region eu-west-1 (../../.rcfge.yaml), stack name not given (AWS::StackName unknown until deploy)`);
    expect(run.stdout).toContain('PASS  Alerts (AWS::SNS::Topic)');
    expect(run.code).toBe(0);
    // Without the file, validate assumes account 123456789012 and says so: the own-account ARN is refused.
    expect(without.stdout.split('\n')[0]).toBe('context: account 123456789012 (default), region us-east-1 (default), stack name not given (AWS::StackName unknown until deploy)');
    expect(without.code).toBe(1);
  });

  it('lets flags win over the file, and says so', async () => {
    config('account: 012345678901\nregion: eu-west-1\ntemplates: tpl\nparam: {KeyAlias: alerts}\n');
    const run = await validate(['--account', '111122223333', '--stack-name', 'prod']);
    expect(run.stdout.split('\n')[0]).toBe('context: account 111122223333 (flag), region eu-west-1 (../../.rcfge.yaml), stack name prod (flag)');
    // The topic's key is of another account now.
    expect(run.code).toBe(1);
  });

  it('shows the defaults it assumed when there is no config file', async () => {
    const run = await runCli(['validate', 'test/fixtures/validate/compliant.json', '--templates', FIXTURE_TEMPLATES, '--param=AllowedTagKeys=["team","cost-center"]']);
    expect(run.stdout.split('\n')[0]).toBe('context: account 123456789012 (default), region us-east-1 (default), stack name not given (AWS::StackName unknown until deploy)');
  });

  it('resolves relative paths against the config file folder, reads param mappings and per-command sections', async () => {
    config('region: us-east-1\nvalidate:\n  region: eu-west-1\n  account: "012345678901"\n  templates: tpl\n  param:\n    KeyAlias: alerts\n  format: json\n');
    const run = await validate([]);
    expect(JSON.parse(run.stdout)).toMatchObject({ compliant: true, context: { region: { value: 'eu-west-1', from: '../../.rcfge.yaml' } } });
    const overridden = await validate(['--param', 'KeyAlias=other']);
    expect(JSON.parse(overridden.stdout).compliant).toBe(false);
  });

  it.each([
    ['regoin: eu-west-1\n', /^rcfge config: .*\.rcfge\.yaml:1: unknown option "regoin" \(did you mean "region"\?\)$/],
    ['validate:\n  schemas: x\n', /^rcfge config: .*\.rcfge\.yaml:2: validate: "schemas" is not an option of rcfge validate$/],
    ['region: [a, b]\n', /^rcfge config: .*\.rcfge\.yaml:1: region: must be a single value$/],
    ['account: 1\n  region: x\n', /^rcfge config: .*\.rcfge\.yaml:1:10: invalid YAML: Nested mappings are not allowed in compact mappings$/],
    ['- region\n', /must be a mapping of option names/],
  ])('refuses %j with one line naming the file and line', async (text, message) => {
    config(text);
    const run = await validate([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.split('\n')).toHaveLength(1);
  });

  it.each([
    ['format: jsn\n', /^rcfge validate: --format must be one of text, json, sarif, junit, github, not "jsn" \(format: from \.\.\/\.\.\/\.rcfge\.yaml:2\)$/],
    ['validate:\n  account: "123"\n', /^rcfge validate: --account must be a 12-digit account ID, not "123" \(account: from \.\.\/\.\.\/\.rcfge\.yaml:3\)$/],
    ['param: KeyAlias\n', /^rcfge validate: --param expects NAME=VALUE, got "KeyAlias" \(param: from \.\.\/\.\.\/\.rcfge\.yaml:2\)$/],
    ['param:\n  KeyAlias: {a: b}\n', /^rcfge config: .*\.rcfge\.yaml:2: param: nested mappings are not options$/],
  ])('names the config file and line when its value %j is refused', async (text, message) => {
    config(`templates: tpl\n${text}`.replace(/^templates: tpl\nvalidate:/, 'validate:\n  templates: tpl'));
    const run = await validate([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.split('\n')).toHaveLength(1);
  });

  it('reads the README example: templates and bucket (for publish) both at the top level; validate uses the folder', async () => {
    // Prepare: the copy-paste example of README "Config file" (bucket and prefix are publish's)
    config('templates: tpl\naccount: "012345678901"\nregion: eu-west-1\nbucket: my-rcfge-templates\nprefix: templates/\nvalidate:\n  stack-name: payments\n  param:\n    KeyAlias: alerts\n');
    // Act
    const run = await validate([]);
    // Assess
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('PASS  Alerts (AWS::SNS::Topic)');
    expect(run.code).toBe(0);
  });

  it('lets --templates on the command line win over a bucket in the file (and its prefix)', async () => {
    config('account: "012345678901"\nregion: eu-west-1\nbucket: my-rcfge-templates\nprefix: templates/\nparam: {KeyAlias: alerts}\n');
    const run = await validate(['--templates', join(project, 'tpl')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('still refuses --templates and --bucket both on the command line', async () => {
    const run = await validate(['--templates', join(project, 'tpl'), '--bucket', 'my-rcfge-templates']);
    expect(run.stderr).toBe('rcfge validate: use either --templates DIR or --bucket B [--prefix P], not both');
    expect(run.code).toBe(2);
  });

  it('refuses two config files in one folder', async () => {
    config('region: eu-west-1\n');
    config('region: eu-west-2\n', '.rcfge.yml');
    const run = await validate([]);
    expect(run.stderr).toMatch(/both .*\.rcfge\.yaml and .*\.rcfge\.yml exist; keep one/);
  });

  it('gives lint its format and schemas (a key of another command is ignored by lint)', async () => {
    config(`format: json\nstack-name: prod\nschemas: ${join(ROOT, 'test', 'fixtures', 'registry')}\n`);
    const run = await runCli(['lint', join(ROOT, 'test', 'fixtures', 'lint', 'misspelt-property')], { cwd: project });
    expect(JSON.parse(run.stdout)).toMatchObject({ clean: true });
  });

  it('names the config file when lint refuses a value it set', async () => {
    config('lint:\n  format: xml\n');
    const run = await runCli(['lint', join(ROOT, 'templates')], { cwd: project });
    expect(run.stderr).toMatch(/^rcfge lint: --format must be one of text, json, sarif, junit, github, not "xml" \(format: from \.rcfge\.yaml:2\)$/);
    expect(run.code).toBe(2);
  });

  it('lists, for each command, exactly the long options the command has (so a key is known or a typo)', () => {
    const own = (flags: readonly string[]) => [...flags].sort();
    expect([...CONFIG_OPTIONS.validate].sort()).toEqual(own(VALIDATE_FLAGS));
    expect([...CONFIG_OPTIONS.lint].sort()).toEqual(own(Object.keys(LINT_FLAGS)));
    expect([...CONFIG_OPTIONS.publish].sort()).toEqual(own(Object.keys(PUBLISH_FLAGS)));
  });
});
