import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { byId, FIXTURE_TEMPLATES, type JsonReport, runCli, TAG_KEYS } from '../fixtures/validate/cli';

/** A scratch stack template in a temporary folder. */
function stack(text: string, name = 'stack.yaml'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rcfge-intrinsics-')), name);
  writeFileSync(file, text);
  return file;
}

async function validate(file: string, extra: string[] = []) {
  const run = await runCli(['validate', file, '--templates', FIXTURE_TEMPLATES, TAG_KEYS, '--format', 'json', ...extra]);
  return { ...run, report: run.stdout ? (JSON.parse(run.stdout) as JsonReport) : undefined };
}

const ENCRYPTED = '      BucketEncryption: {ServerSideEncryptionConfiguration: [{ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}}]}\n';

describe('rcfge validate: references that can never resolve are input errors (exit 2, file:line)', () => {
  it.each([
    ['!Ref to nothing', '      BucketName: !Ref Undefined\n', /stack\.yaml:7: resource B: Ref Undefined: no parameter, resource or pseudo parameter/],
    ['!Sub ${Undefined2}', "      BucketName: !Sub '${Undefined2}'\n", /stack\.yaml:7: resource B: Fn::Sub \$\{Undefined2\}/],
    ['!GetAtt of no resource', '      BucketName: !GetAtt Nope.Arn\n', /stack\.yaml:7: resource B: Fn::GetAtt Nope: no resource Nope/],
    ['!FindInMap with a missing key', '      BucketName: !FindInMap [Names, !Ref AWS::Region, Name]\n', /stack\.yaml:7: resource B: Fn::FindInMap \[Names, us-east-1, Name\]: mapping Names has no key "us-east-1"/],
    ['!Select out of range', '      BucketName: !Select [3, [a, b]]\n', /stack\.yaml:7: resource B: Fn::Select index 3 is out of range/],
  ])('%s', async (_label, property, message) => {
    // Prepare: a value that would otherwise be "not checked" (and the resource pass)
    const file = stack(`Mappings: {Names: {eu-west-1: {Name: x}}}\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n${ENCRYPTED}${property}`);
    // Act
    const run = await validate(file);
    // Assess
    expect(run.code).toBe(2);
    // --format json still gives one document for the run, naming the file that could not be checked.
    expect(JSON.parse(run.stdout)).toMatchObject({ compliant: false, resources: [], files: [{ status: 'error', line: 7 }] });
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('rcfge validate: Fn::If on a condition that cannot be decided checks each branch', () => {
  const text =
    'Parameters:\n  Env: {Type: String}\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n' +
    ENCRYPTED +
    "      BucketName: !If [IsProd, 'prod-data', 'Not_A_Valid_Name']\n";

  it('reports the finding of the failing branch, naming the branch, and fails the resource', async () => {
    // Act
    const { code, report } = await validate(stack(text));
    // Assess
    expect(code).toBe(1);
    const bucket = byId(report as JsonReport, 'B');
    expect(bucket.status).toBe('FAIL');
    expect(bucket.unresolved).toEqual([]);
    expect(bucket.findings.map((f) => [f.path, f.keyword, f.line])).toEqual([['/BucketName', 'pattern', 10]]);
    expect(bucket.findings[0].message).toMatch(/\(when IsProd is false\)$/);
  });

  it('passes when every branch complies, and follows --parameter-overrides when given', async () => {
    const good = text.replace('Not_A_Valid_Name', 'dev-data');
    expect((await validate(stack(good))).code).toBe(0);
    const prod = await validate(stack(text), ['--parameter-overrides', 'Env=prod']);
    expect(byId(prod.report as JsonReport, 'B').status).toBe('PASS');
  });
});

describe('rcfge validate: findings of a resource in line order, from every branch', () => {
  it('sorts by line, keeps both branches of one value, and names the branch of each', async () => {
    // Prepare: Tags (line 9) before BucketName (line 10), while the template lists BucketName first
    const text =
      'Parameters:\n  Env: {Type: String}\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n' +
      "      Tags: [{Key: nope, Value: x}]\n      BucketName: !If [IsProd, 'Bad_Prod', 'Bad_Dev']\n      WebsiteConfiguration: !If [IsProd, {IndexDocument: i}, !Ref AWS::NoValue]\n";
    // Act
    const { report } = await validate(stack(text));
    // Assess
    const findings = byId(report as JsonReport, 'B').findings;
    expect(findings.map((f) => [f.path, f.line])).toEqual([
      ['/BucketEncryption', 8],
      ['/Tags/0/Key', 9],
      ['/BucketName', 10],
      ['/BucketName', 10],
      ['/WebsiteConfiguration', 11],
    ]);
    expect(findings.map((f) => /\(when ([^)]*)\)$/.exec(f.message)?.[1])).toEqual([undefined, undefined, 'IsProd is true', 'IsProd is false', 'IsProd is true']);
  });

  it('falls back to "not checked" with a note naming the conditions when the combinations exceed 16', async () => {
    const names = ['A', 'B', 'C', 'D', 'E'];
    const text =
      `Parameters:\n${names.map((n) => `  P${n}: {Type: String}\n`).join('')}Conditions:\n${names.map((n) => `  Is${n}: !Equals [!Ref P${n}, x]\n`).join('')}` +
      `Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n${ENCRYPTED}      Tags:\n${names.map((n) => `        - !If [Is${n}, {Key: team, Value: a}, {Key: team, Value: b}]\n`).join('')}`;
    const run = await validate(stack(text));
    expect(run.code).toBe(0);
    expect(byId(run.report as JsonReport, 'B').unresolved).toHaveLength(5);
    expect(run.stderr).toMatch(/note: B: the conditions IsA, IsB, IsC, IsD, IsE cannot be decided locally/);
  });
});

describe('rcfge validate --operation delete', () => {
  const text =
    'Resources:\n  Kept:\n    Type: AWS::Logs::LogGroup\n    DeletionPolicy: Retain\n    Properties: {RetentionInDays: 365}\n' +
    '  Deleted:\n    Type: AWS::Logs::LogGroup\n    DeletionPolicy: Snapshot\n    Properties: {LogGroupName: !GetAtt Deleted.Arn}\n';

  it('skips a resource CloudFormation retains (the delete hook is not invoked for it); Snapshot still deletes', async () => {
    // Act
    const { code, report } = await validate(stack(text), ['--operation', 'delete']);
    // Assess
    expect(code).toBe(1);
    expect(byId(report as JsonReport, 'Kept')).toMatchObject({ status: 'SKIP', reason: 'DeletionPolicy Retain: CloudFormation keeps it' });
    expect(byId(report as JsonReport, 'Deleted')).toMatchObject({ status: 'FAIL', kind: 'delete-denied' });
  });

  it('prints no "not checked" line in text output (a delete judges no property)', async () => {
    const run = await runCli(['validate', stack(text), '--templates', FIXTURE_TEMPLATES, '--operation', 'delete']);
    expect(run.stdout).toContain('FAIL  Deleted');
    expect(run.stdout).not.toContain('not checked');
  });
});

describe('rcfge validate: stack parameters are checked as CloudFormation would', () => {
  const text =
    "Parameters:\n  Env: {Type: String, AllowedValues: [dev, prod], Default: dev}\n  Size: {Type: Number, Default: 5}\n  Name: {Type: String, AllowedPattern: '[a-z]+', Default: abc}\n" +
    'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n' +
    ENCRYPTED;

  it.each([
    [['Envv=prod'], /--parameter-overrides Envv: the stack template has no parameter Envv \(it declares Env, Size, Name\)/],
    [['Env=test'], /stack\.yaml:2: parameter Env: --parameter-overrides value "test" is not one of its AllowedValues \(dev, prod\)/],
    [['Size=five'], /parameter Size: .*"five" is not a number/],
    [['Name=ABC'], /parameter Name: .*"ABC" does not match its AllowedPattern \[a-z\]\+/],
  ])('--parameter-overrides %j is an input error', async (overrides, message) => {
    const run = await validate(stack(text), overrides.flatMap((o) => ['--parameter-overrides', o]));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('accepts values CloudFormation accepts', async () => {
    const run = await validate(stack(text), ['--parameter-overrides', 'Env=prod', '--parameter-overrides', 'Size=1.5', '--parameter-overrides', 'Name=xyz']);
    expect(run.code).toBe(0);
  });
});

describe('rcfge validate: a .json stack template is parsed as JSON', () => {
  it('reports a trailing comma as file:line:column', async () => {
    const file = stack('{\n  "Resources": {\n    "B": {"Type": "AWS::S3::Bucket",}\n  }\n}\n', 'stack.json');
    const run = await validate(file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/stack\.json:3:\d+: invalid JSON: /);
  });

  it('keeps line numbers for findings', async () => {
    const file = stack('{\n  "Resources": {\n    "B": {\n      "Type": "AWS::S3::Bucket",\n      "Properties": {\n        "BucketName": "Bad_Name"\n      }\n    }\n  }\n}\n', 'stack.json');
    const { report } = await validate(file);
    expect(byId(report as JsonReport, 'B').findings.map((f) => [f.path, f.line])).toEqual([
      ['/BucketEncryption', 5],
      ['/BucketName', 6],
    ]);
  });
});
