import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { runCli } from '../fixtures/validate/cli';
import { ROOT } from '../support/paths';

/**
 * Issue 10, Control Tower parity: for the proactive controls the baseline adopts, PASS and
 * FAIL scenario stacks written from each Guard rule's own scenario comments
 * (test/fixtures/control-tower/<control>/<pass|fail>-<scenario>-<what>.yaml) are run through
 * the cfn-guard 3.1.1 binary with the rule (both from @cdklabs/cdk-validator-cfnguard) and
 * through `rcfge validate` with the baseline templates. Every FAIL scenario is refused by
 * both, the baseline for a rule that names the control; every PASS scenario is accepted by
 * both, except where the baseline is deliberately stricter (STRICTER, explained in
 * templates/README.md).
 */
const PACKAGE = join(ROOT, 'node_modules', '@cdklabs', 'cdk-validator-cfnguard');
const RULES = join(PACKAGE, 'rules', 'control-tower', 'cfn-guard');
const SCENARIOS = join(ROOT, 'test', 'fixtures', 'control-tower');
const PARAMS_FILE = 'templates/parameters.example.json';

function guardBinary(): string {
  const os = process.platform === 'darwin' ? 'macos' : 'ubuntu';
  const arch = process.arch === 'arm64' ? 'aarch64' : 'x86_64';
  return join(PACKAGE, 'bin', os, arch, 'cfn-guard');
}

interface Control {
  readonly id: string;
  readonly rule: string;
  readonly types: readonly string[];
}

const CONTROLS: readonly Control[] = [
  { id: 'CT.S3.PR.1', rule: 's3/ct-s3-pr-1.guard', types: ['AWS::S3::Bucket'] },
  { id: 'CT.S3.PR.5', rule: 's3/ct-s3-pr-5.guard', types: ['AWS::S3::Bucket'] },
  { id: 'CT.S3.PR.8', rule: 's3/ct-s3-pr-8.guard', types: ['AWS::S3::BucketPolicy'] },
  { id: 'CT.KMS.PR.1', rule: 'keymanagementservice/ct-kms-pr-1.guard', types: ['AWS::KMS::Key'] },
  { id: 'CT.KMS.PR.2', rule: 'keymanagementservice/ct-kms-pr-2.guard', types: ['AWS::KMS::Key'] },
  { id: 'CT.SQS.PR.2', rule: 'sqs/ct-sqs-pr-2.guard', types: ['AWS::SQS::Queue'] },
  { id: 'CT.DYNAMODB.PR.1', rule: 'dynamodb/ct-dynamodb-pr-1.guard', types: ['AWS::DynamoDB::Table'] },
  { id: 'CT.DYNAMODB.PR.2', rule: 'dynamodb/ct-dynamodb-pr-2.guard', types: ['AWS::DynamoDB::Table'] },
  { id: 'CT.EC2.PR.4', rule: 'ec2/ct-ec2-pr-4.guard', types: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'] },
  // IAM users, groups and their inline policies have no baseline template (not approved at all): the scenarios use roles and policies.
  { id: 'CT.IAM.PR.1', rule: 'identityandaccessmanagement/ct-iam-pr-1.guard', types: ['AWS::IAM::Role', 'AWS::IAM::Policy'] },
  { id: 'CT.IAM.PR.2', rule: 'identityandaccessmanagement/ct-iam-pr-2.guard', types: ['AWS::IAM::ManagedPolicy'] },
  { id: 'CT.IAM.PR.3', rule: 'identityandaccessmanagement/ct-iam-pr-3.guard', types: ['AWS::IAM::ManagedPolicy'] },
  { id: 'CT.IAM.PR.4', rule: 'identityandaccessmanagement/ct-iam-pr-4.guard', types: ['AWS::IAM::ManagedPolicy', 'AWS::IAM::Policy'] },
  { id: 'CT.IAM.PR.5', rule: 'identityandaccessmanagement/ct-iam-pr-5.guard', types: ['AWS::IAM::Role', 'AWS::IAM::Policy'] },
];

/** PASS scenarios the baseline refuses on purpose (each listed, with its reason, in templates/README.md). */
const STRICTER: Readonly<Record<string, string>> = {
  'ct-kms-pr-2/pass-5-rsa-3072.yaml': 'RCFGE-KMS-2: symmetric keys only',
  'ct-kms-pr-2/pass-5-rsa-4096.yaml': 'RCFGE-KMS-2: symmetric keys only',
};

const folderOf = (control: Control): string => control.id.toLowerCase().replace(/\./g, '-');

interface Finding {
  readonly rule: string;
  readonly controls?: readonly string[];
}
interface Resource {
  readonly logicalId: string;
  readonly type: string;
  readonly status: 'PASS' | 'FAIL' | 'SKIP';
  readonly findings: readonly Finding[];
}

/** cfn-guard's status (PASS, FAIL, SKIP) for every scenario file of one control, in one run. */
function guardStatuses(control: Control): Map<string, string> {
  const run = spawnSync(guardBinary(), ['validate', '--rules', join(RULES, control.rule), '--data', join(SCENARIOS, folderOf(control)), '--output-format', 'json', '--show-summary', 'none', '--structured'], { encoding: 'utf8' });
  // Exit codes: 0 all compliant, 19 some non-compliant; anything else is an error of the run itself.
  if (run.status !== 0 && run.status !== 19) throw new Error(`cfn-guard exited ${run.status}: ${run.stderr}`);
  const results = JSON.parse(run.stdout) as Array<{ name: string; status: string }>;
  return new Map(results.map((r) => [basename(r.name), r.status]));
}

const tally = new Map<string, { failRefused: number; fails: number; passAccepted: number; passes: number; stricter: number }>();

afterAll(() => {
  const rows = [...tally.entries()].map(([id, t]) => `${id.padEnd(17)} FAIL refused ${t.failRefused}/${t.fails}   PASS accepted ${t.passAccepted}/${t.passes}${t.stricter ? ` (${t.stricter} stricter on purpose)` : ''}`);
  process.stdout.write(`Control Tower parity (cfn-guard and rcfge validate agree):\n${rows.join('\n')}\n`);
});

const readme = readFileSync(join(ROOT, 'templates', 'README.md'), 'utf8');

describe.each(CONTROLS)('$id', (control) => {
  const folder = folderOf(control);
  const files = readdirSync(join(SCENARIOS, folder)).filter((f) => f.endsWith('.yaml')).sort();
  let guard: Map<string, string>;

  beforeAll(() => {
    guard = guardStatuses(control);
    tally.set(control.id, { failRefused: 0, fails: 0, passAccepted: 0, passes: 0, stricter: 0 });
  });

  it('has FAIL and PASS scenarios', () => {
    expect(files.filter((f) => f.startsWith('fail-')).length).toBeGreaterThan(0);
    expect(files.filter((f) => f.startsWith('pass-')).length).toBeGreaterThan(0);
  });

  it.each(files)('%s', async (file) => {
    const expected = file.startsWith('fail-') ? 'FAIL' : 'PASS';
    const scenario = /^(?:fail|pass)-(\d+)-/.exec(file)?.[1];
    const path = `test/fixtures/control-tower/${folder}/${file}`;
    // The header names the control, the Guard scenario and its outcome, as the file name does.
    expect(readFileSync(join(ROOT, path), 'utf8').split('\n')[0]).toMatch(new RegExp(`^# ${control.id.replace(/\./g, '\\.')} scenario ${scenario} \\(${expected}\\): `));

    // Act
    const run = await runCli(['validate', path, '--format', 'json', '--params-file', PARAMS_FILE]);
    const resources = (JSON.parse(run.stdout) as { resources: Resource[] }).resources;
    const judged = resources.filter((r) => control.types.includes(r.type));

    // Assess: the Guard rule gives the scenario's outcome (the scenario is written right)
    expect({ file, guard: guard.get(file) }).toEqual({ file, guard: expected });
    expect(judged.length).toBeGreaterThan(0);
    const t = tally.get(control.id) as NonNullable<ReturnType<typeof tally.get>>;
    if (expected === 'FAIL') {
      t.fails++;
      // Refused, and for this control's reason: a finding under a rule that names the control.
      const refused = judged.filter((r) => r.status === 'FAIL');
      const forControl = refused.flatMap((r) => r.findings).filter((f) => f.controls?.includes(control.id));
      expect({ file, code: run.code, refused: refused.length > 0, forControl: forControl.length > 0 }).toEqual({ file, code: 1, refused: true, forControl: true });
      t.failRefused++;
      return;
    }
    t.passes++;
    const key = `${folder}/${file}`;
    if (STRICTER[key] !== undefined) {
      // Deliberately stricter: refused by the rule named in the reason, and explained in templates/README.md.
      const rule = STRICTER[key].split(':')[0];
      expect({ file, refusedBy: judged.some((r) => r.findings.some((f) => f.rule === rule)), documented: readme.includes(key) }).toEqual({ file, refusedBy: true, documented: true });
      t.stricter++;
      return;
    }
    expect({ file, code: run.code, statuses: resources.map((r) => `${r.logicalId}: ${r.status}`) }).toEqual({ file, code: 0, statuses: resources.map((r) => `${r.logicalId}: PASS`) });
    t.passAccepted++;
  });
});
