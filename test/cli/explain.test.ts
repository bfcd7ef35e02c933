import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from '../fixtures/validate/cli';
import { explainTemplate } from '../../src/authoring/explain/explain';
import { readStackTemplate } from '../../src/cfn';
import { EngineCaches, Enforcer } from '../../src/engine/enforcer';
import { CachingTemplateProvider } from '../../src/store/caching-provider';
import { DirectoryTemplateStore } from '../../src/store/directory-store';
import { corpusContext } from '../support/corpus';
import { templateDir } from '../support/template-dir';

/** `rcfge explain` (issue 10 item 8): what a template approves, in words, text and JSON. */
const template = {
  typeName: 'AWS::SQS::Queue',
  description: 'Encrypted queues only.',
  'x-rcfge': { delete: 'deny', remediation: 'Encrypt the queue.', id: 'ORG-SQS-0', title: 'Only approved queue configuration' },
  type: 'object',
  additionalProperties: false,
  required: ['SqsManagedSseEnabled'],
  properties: {
    QueueName: { type: 'string', pattern: '^[a-z-]{1,80}$' },
    SqsManagedSseEnabled: { 'x-rcfge': { id: 'ORG-SQS-1', title: 'Queues are encrypted', controls: ['CT.SQS.PR.2'], remediation: 'Set it to true.' }, type: 'boolean', const: true },
    DelaySeconds: { type: 'integer', minimum: 0, maximum: 900 },
    RedrivePolicy: { type: 'object', additionalProperties: false, properties: { deadLetterTargetArn: { type: 'string', pattern: '^arn:$<partition>:sqs:$<region>:$<accountID>:' } } },
    Policy: { type: 'object', 'x-rcfge': { open: 'IAM policy document' } },
    Tags: { type: 'array', items: { $ref: '#/definitions/Tag' } },
    Tree: { $ref: '#/definitions/Tree' },
  },
  definitions: {
    Tag: { type: 'object', additionalProperties: false, required: ['Key'], properties: { Key: { enum: ['team', '$<param:TagKey>'], type: 'string' }, Value: { type: 'string' } } },
    Tree: { type: 'object', additionalProperties: false, properties: { Child: { $ref: '#/definitions/Tree' } } },
  },
};

let dir: ReturnType<typeof templateDir>;
beforeAll(() => {
  dir = templateDir({ 'aws-sqs-queue.json': template, 'aws-sns-topic.json': { typeName: 'AWS::SNS::Topic', type: 'object', properties: { A: { type: 'string', titel: 'typo' } } } });
});
afterAll(() => dir.remove());

describe('rcfge explain', () => {
  it('says what a template approves, with rules, placeholders, delete policy and open paths', async () => {
    const run = await runCli(['explain', 'AWS::SQS::Queue', '--templates', dir.dir]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`AWS::SQS::Queue  (template ${join(dir.dir, 'aws-sqs-queue.json')})`);
    expect(lines).toEqual(expect.arrayContaining([
      'Encrypted queues only.',
      'Delete: DENIED (resources of this type may not be deleted through CloudFormation)',
      'Remediation: Encrypt the queue.',
      'Approved properties (12); anything else is refused as "not approved":',
      '  /QueueName  string; matches ^[a-z-]{1,80}$  [ORG-SQS-0]',
      '  /SqsManagedSseEnabled  boolean; required [ORG-SQS-0]; must be true  [ORG-SQS-1]',
      '  /DelaySeconds  integer; from 0 to 900  [ORG-SQS-0]',
      '  /Policy  object; declared open: IAM policy document  [ORG-SQS-0]',
      '  /Tags/*/Key  string; required; one of "team", "$<param:TagKey>"  [ORG-SQS-0]',
      '  /Tree/Child  same shape as /Tree (recursive)  [ORG-SQS-0]',
      '  [ORG-SQS-1] Queues are encrypted  (controls: CT.SQS.PR.2)',
      '      at /properties/SqsManagedSseEnabled',
      '      remediation: Set it to true.',
      '  $<param:TagKey>  the Hook\'s TemplateParameters value TagKey',
      '  /properties/Policy  IAM policy document',
    ]));
  });

  it('gives the same facts as JSON', async () => {
    const run = await runCli(['explain', join(dir.dir, 'aws-sqs-queue.json'), '--format', 'json']);
    expect(run.code).toBe(0);
    const e = JSON.parse(run.stdout);
    expect(e).toMatchObject({ typeName: 'AWS::SQS::Queue', delete: 'deny', remediation: 'Encrypt the queue.', open: [{ path: '/properties/Policy', why: 'IAM policy document' }] });
    expect(e.properties.map((p: { path: string }) => p.path)).toEqual(['/QueueName', '/SqsManagedSseEnabled', '/DelaySeconds', '/RedrivePolicy', '/RedrivePolicy/deadLetterTargetArn', '/Policy', '/Tags', '/Tags/*', '/Tags/*/Key', '/Tags/*/Value', '/Tree', '/Tree/Child']);
    expect(e.rules).toEqual([
      { id: 'ORG-SQS-0', title: 'Only approved queue configuration', remediation: 'Encrypt the queue.', at: ['/'] },
      { id: 'ORG-SQS-1', title: 'Queues are encrypted', remediation: 'Set it to true.', controls: ['CT.SQS.PR.2'], at: ['/properties/SqsManagedSseEnabled'] },
    ]);
    expect(e.placeholders.map((p: { name: string }) => p.name)).toEqual(['$<partition>', '$<region>', '$<accountID>', '$<param:TagKey>']);
  });

  it.each([
    [['explain', 'AWS::EC2::Instance'], /no template for AWS::EC2::Instance at templates\/aws-ec2-instance\.json: the Hook refuses this type \("not approved"\)\. Start one with rcfge init AWS::EC2::Instance/],
    [['explain', 'not-a-type'], /"not-a-type" is neither a resource type/],
    [['explain', 'missing.json'], /no such file missing\.json/],
    [['explain', 'AWS::SQS::Queue', '--format', 'yaml'], /--format must be text or json/],
    [['explain'], /expected one TypeName or template file/],
  ])('refuses %j with one line and exit 2', async (argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.split('\n')).toHaveLength(1);
  });

  it('refuses to explain a template the Hook would refuse', async () => {
    const run = await runCli(['explain', 'AWS::SNS::Topic', '--templates', dir.dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/the Hook would refuse this template: .*titel.* \(run rcfge lint\)/);
  });

  it('explains every baseline template, listing each top-level property it approves', async () => {
    const files = readdirSync(join(ROOT, 'templates')).filter((f) => f.startsWith('aws-') && f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(11);
    for (const file of files) {
      const json = JSON.parse(readFileSync(join(ROOT, 'templates', file), 'utf8'));
      const run = await runCli(['explain', `templates/${file}`, '--format', 'json']);
      expect([file, run.code]).toEqual([file, 0]);
      const paths = new Set(JSON.parse(run.stdout).properties.map((p: { path: string }) => p.path));
      for (const name of Object.keys(json.properties ?? {})) expect([file, paths.has(`/${name}`)]).toEqual([file, true]);
    }
  });

  it('files each approved property under the rule the engine files its findings under (baseline templates)', async () => {
    // Prepare: one resource per explained value, holding at that value something the value's own schema refuses
    const engine = new Enforcer(new CachingTemplateProvider(new DirectoryTemplateStore(join(ROOT, 'templates')), { ttlMs: 3_600_000, maxStaleMs: 0 }), { missingTemplateAction: 'FAIL' }, new EngineCaches());
    const files = readdirSync(join(ROOT, 'templates')).filter((f) => f.startsWith('aws-') && f.endsWith('.json'));
    const mismatches: string[] = [];
    let compared = 0;
    for (const file of files) {
      const explained = explainTemplate(JSON.parse(readFileSync(join(ROOT, 'templates', file), 'utf8')), file);
      for (const p of explained.properties) {
        if (p.rule === undefined || p.open !== undefined || p.path.includes('{') || (p.type !== 'object' && p.type !== 'string')) continue;
        const tokens = p.path.split('/').slice(1);
        const probe = p.type === 'object' ? { RcfgeProbe: 'x' } : { RcfgeProbe: ['x'] };
        const properties = tokens.reduceRight<unknown>((inner, token) => (token === '*' ? [inner] : { [token]: inner }), probe) as Record<string, unknown>;
        const at = tokens.map((t) => (t === '*' ? '0' : t)).join('/');
        const where = p.type === 'object' ? `/${at}/RcfgeProbe` : `/${at}`;
        // Act
        const verdict = await engine.check({ typeName: explained.typeName, logicalId: 'Probe', operation: 'CREATE', properties }, corpusContext(explained.typeName, 'Probe'));
        // Assess
        const finding = verdict.findings.find((f) => f.path === where && (f.keyword === 'additionalProperties' || f.keyword === 'type'));
        if (finding === undefined) continue;
        compared++;
        if (finding.rule !== p.rule) mismatches.push(`${file} ${p.path}: explain says ${p.rule}, the engine files ${finding.keyword} under ${finding.rule}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(150);
  });

  it('lists every rule a non-compliant example is refused under, the policy keywords\' rules included (baseline templates)', () => {
    // Prepare: the `# Rules:` lines of the examples (what both faces report, checked by test/templates/rule-ids)
    const stacks = join(ROOT, 'examples', 'stacks');
    const missing: string[] = [];
    let checked = 0;
    for (const file of readdirSync(stacks).filter((f) => f.endsWith('-noncompliant.yaml'))) {
      const types = new Map(readStackTemplate(join(stacks, file)).resources.map((r) => [r.logicalId, r.type]));
      const lines = readFileSync(join(stacks, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        const rules = /^\s*# Rules: (.+)$/.exec(line)?.[1];
        const type = types.get(/^\s{2}([A-Za-z0-9]+):\s*$/.exec(lines[i + 1] ?? '')?.[1] ?? '');
        if (!rules || !type) return;
        const name = `aws-${type.split('::').slice(1).join('-').toLowerCase()}.json`;
        // Act
        const explained = new Set(explainTemplate(JSON.parse(readFileSync(join(ROOT, 'templates', name), 'utf8')), name).rules.map((r) => r.id));
        // Assess
        for (const rule of rules.split(',').map((r) => r.trim())) {
          checked++;
          if (!explained.has(rule)) missing.push(`${file} ${type} ${rule}`);
        }
      });
    }
    expect(checked).toBeGreaterThan(60);
    expect(missing).toEqual([]);
  });

  it('says which policy rules judge a statement, with their controls', async () => {
    const run = await runCli(['explain', 'AWS::IAM::ManagedPolicy', '--format', 'json']);
    const e = JSON.parse(run.stdout) as { properties: Array<{ path: string; constraints: string[] }>; rules: Array<{ id: string; controls?: string[]; at: string[] }> };
    expect(e.rules.find((r) => r.id === 'RCFGE-IAM-2')).toMatchObject({ controls: ['CT.IAM.PR.1', 'CT.IAM.PR.2', 'CT.IAM.PR.3', 'CT.IAM.PR.5'], at: ['/definitions/Statement'] });
    expect(e.rules.map((r) => r.id)).not.toContain('RCFGE-IAM-8');
    expect(e.properties.find((p) => p.path === '/PolicyDocument/Statement/*')?.constraints).toEqual([expect.stringMatching(/^IAM statement judged by RCFGE-IAM-1 to RCFGE-IAM-6: /)]);
    const role = await runCli(['explain', 'AWS::IAM::Role']);
    expect(role.stdout).toMatch(/\/AssumeRolePolicyDocument .*at most 2048 characters \(without whitespace\) \[RCFGE-IAM-7\]/);
    expect(role.stdout).toContain('[RCFGE-IAM-7] Policy documents fit the IAM size quota');
  });

  it('names the rule of a constraint or a requirement that a branch files under its own rule', async () => {
    const run = await runCli(['explain', 'AWS::S3::BucketPolicy', '--format', 'json']);
    const properties = JSON.parse(run.stdout).properties as Array<{ path: string; rule: string; requiredRule?: string; constraints: string[] }>;
    const at = (path: string) => properties.find((p) => p.path === path);
    expect(at('/PolicyDocument')).toMatchObject({ rule: 'RCFGE-S3POLICY-0', required: true, requiredRule: 'RCFGE-S3POLICY-1' });
    expect(at('/PolicyDocument/Statement')).toMatchObject({ rule: 'RCFGE-S3POLICY-0', constraints: expect.arrayContaining(['at least one item as definitions/DenyInsecureTransport [RCFGE-S3POLICY-1]']) });
    expect(at('/PolicyDocument/Statement/*/Effect')).toMatchObject({ rule: 'RCFGE-S3POLICY-0' });
  });
});

