import { Enforcer } from '../../src/engine/enforcer';
import { CachingTemplateProvider } from '../../src/store/caching-provider';
import { DirectoryTemplateStore } from '../../src/store/directory-store';
import { builtInRegistry } from '../support/paths';
import { testContext } from '../support/context';
import { templateDir } from '../support/template-dir';

const ctx = testContext('AWS::SQS::Queue', 'Queue', { Accounts: ['111122223333'] });

const queueTemplate = {
  typeName: 'AWS::SQS::Queue',
  'x-rcfge': { remediation: 'Encrypt the queue.', delete: 'deny' },
  type: 'object',
  additionalProperties: false,
  required: ['SqsManagedSseEnabled'],
  properties: {
    QueueName: { type: 'string', pattern: '^[a-z-]{1,80}$' },
    SqsManagedSseEnabled: { type: 'boolean', const: true },
    DelaySeconds: { type: 'integer', maximum: 900 },
    RedrivePolicy: {
      type: 'object',
      additionalProperties: false,
      properties: { deadLetterTargetArn: { type: 'string', pattern: '^arn:$<partition>:sqs:$<region>:$<param:Accounts>:[a-z-]+$' } },
    },
    Tags: { type: 'array', items: { $ref: '#/definitions/Tag' } },
  },
  definitions: { Tag: { type: 'object', additionalProperties: false, required: ['Key', 'Value'], properties: { Key: { type: 'string' }, Value: { type: 'string' } } } },
};

function enforcerFor(files: Record<string, unknown>, missingTemplateAction: 'FAIL' | 'ALLOW' = 'FAIL') {
  const t = templateDir(files);
  const provider = new CachingTemplateProvider(new DirectoryTemplateStore(t.dir), { ttlMs: 60_000, maxStaleMs: 0 });
  return { enforcer: new Enforcer(provider, { missingTemplateAction }), remove: t.remove };
}

const target = (properties: unknown, operation: 'CREATE' | 'UPDATE' | 'DELETE' = 'CREATE', unresolved?: string[]) => ({
  typeName: 'AWS::SQS::Queue',
  logicalId: 'Queue',
  operation,
  properties,
  unresolved,
});

describe('Enforcer', () => {
  const { enforcer, remove } = enforcerFor({ 'aws-sqs-queue.json': queueTemplate });
  afterAll(remove);

  it('passes a compliant resource whether values are strings (as CloudFormation sends) or typed', async () => {
    for (const props of [{ SqsManagedSseEnabled: 'true', DelaySeconds: '5' }, { SqsManagedSseEnabled: true, DelaySeconds: 5 }]) {
      const verdict = await enforcer.check(target(props), ctx);
      expect(verdict).toMatchObject({ status: 'PASS', kind: 'compliant', findings: [] });
    }
  });

  it('does not change the caller\'s properties while coercing', async () => {
    const props = { SqsManagedSseEnabled: 'true' };
    await enforcer.check(target(props), ctx);
    expect(props.SqsManagedSseEnabled).toBe('true');
  });

  it('reports each violation with its path, in words, and the remediation last', async () => {
    const verdict = await enforcer.check(target({ SqsManagedSseEnabled: 'false', DelaySeconds: 'soon', Shiny: {}, Tags: [{ Key: 'a' }] }), ctx);
    expect(verdict.status).toBe('FAIL');
    expect(verdict.findings.map((f) => [f.path, f.keyword])).toEqual(
      expect.arrayContaining([
        ['/Shiny', 'additionalProperties'],
        ['/SqsManagedSseEnabled', 'const'],
        ['/DelaySeconds', 'type'],
        ['/Tags/0/Value', 'required'],
      ]),
    );
    expect(verdict.findings.find((f) => f.path === '/Shiny')?.message).toBe('property "Shiny" is not approved by template aws-sqs-queue.json');
    expect(verdict.message.startsWith('AWS::SQS::Queue Queue is not compliant with template ')).toBe(true);
    expect(verdict.message.endsWith('Remediation: Encrypt the queue.')).toBe(true);
  });

  it('applies placeholders from the context (own account and region only)', async () => {
    const own = await enforcer.check(target({ SqsManagedSseEnabled: true, RedrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:111122223333:dlq' } }), ctx);
    const foreign = await enforcer.check(target({ SqsManagedSseEnabled: true, RedrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:444455556666:dlq' } }), ctx);
    expect(own.status).toBe('PASS');
    expect(foreign.findings).toEqual([expect.objectContaining({ path: '/RedrivePolicy/deadLetterTargetArn', keyword: 'pattern' })]);
  });

  it('judges nothing at or below an unresolved path, but still refuses unapproved keys', async () => {
    const verdict = await enforcer.check(target({ SqsManagedSseEnabled: true, RedrivePolicy: { 'Fn::GetAtt': ['Dlq', 'Arn'] }, Other: { Ref: 'X' } }, 'CREATE', ['/RedrivePolicy', '/Other']), ctx);
    expect(verdict.findings.map((f) => f.path)).toEqual(['/Other']);
  });

  it('compares a typeless boolean const as CloudFormation means it: "true" is true', async () => {
    const t = enforcerFor({ 'aws-sqs-queue.json': { typeName: 'AWS::SQS::Queue', type: 'object', additionalProperties: false, properties: { FifoQueue: { not: { const: true } }, DelaySeconds: { enum: [0, 5] } } } });
    const verdicts = await Promise.all([
      t.enforcer.check(target({ FifoQueue: 'true' }), ctx),
      t.enforcer.check(target({ FifoQueue: 'false', DelaySeconds: '5' }), ctx),
      t.enforcer.check(target({ DelaySeconds: '7' }), ctx),
    ]);
    t.remove();
    expect(verdicts.map((v) => v.status)).toEqual(['FAIL', 'PASS', 'FAIL']);
  });

  it('reports a failed contains once, without the errors of the items it tried (through $ref too)', async () => {
    const t = enforcerFor({
      'aws-sqs-queue.json': {
        typeName: 'AWS::SQS::Queue',
        type: 'object',
        properties: { Statements: { type: 'array', items: { $ref: '#/definitions/S' }, contains: { $ref: '#/definitions/Deny' } } },
        definitions: { S: { type: 'object', properties: { Effect: { type: 'string' }, N: { type: 'integer' } } }, Deny: { type: 'object', required: ['Effect'], properties: { Effect: { const: 'Deny' } } } },
      },
    });
    const verdict = await t.enforcer.check(target({ Statements: [{ Effect: 'Allow', N: 'x' }, { N: '1' }] }), ctx);
    const unresolved = await t.enforcer.check(target({ Statements: [{ Effect: { Ref: 'E' } }] }, 'CREATE', ['/Statements/0/Effect']), ctx);
    t.remove();
    expect(verdict.findings.map((f) => [f.path, f.keyword])).toEqual([
      ['/Statements/0/N', 'type'],
      ['/Statements', 'contains'],
    ]);
    expect(verdict.findings[1].message).toMatch(/no item has the required configuration/);
    // The statement that would satisfy the rule holds a value known only at deploy time: not judged.
    expect(unresolved.status).toBe('PASS');
  });

  it('answers deeply nested properties with an input finding, the same with or without a copy', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 5000; i++) deep = { a: deep };
    const copied = await enforcer.check(target({ SqsManagedSseEnabled: true, Tags: [deep] }), ctx);
    const owned = await enforcer.check({ ...target({ SqsManagedSseEnabled: true, Tags: [deep] }), owned: true }, ctx);
    expect(copied.findings).toEqual([{ path: '', keyword: 'input', rule: 'RCFGE.input', title: 'Properties cannot be judged', message: expect.stringMatching(/nested deeper than 1000 levels/) }]);
    expect(owned.findings).toEqual(copied.findings);
  });

  it('applies the delete policy of the template', async () => {
    const verdict = await enforcer.check(target({}, 'DELETE'), ctx);
    expect(verdict).toMatchObject({ status: 'FAIL', kind: 'delete-denied' });
    expect(verdict.message).toContain('"delete": "deny"');
  });

  it('fails closed on a type without template, unless told to allow it, and always allows deleting it', async () => {
    const other = { typeName: 'AWS::SNS::Topic', logicalId: 'T', operation: 'CREATE' as const, properties: {} };
    const failing = await enforcer.check(other, ctx);
    expect(failing).toMatchObject({ status: 'FAIL', kind: 'not-approved' });
    expect(failing.message).toMatch(/AWS::SNS::Topic is not approved: no readable template at .*aws-sns-topic\.json/);
    const allowing = enforcerFor({}, 'ALLOW');
    expect((await allowing.enforcer.check(other, ctx)).status).toBe('PASS');
    expect((await enforcer.check({ ...other, operation: 'DELETE' }, ctx)).status).toBe('PASS');
    allowing.remove();
  });

  it.each([
    ['not JSON', '{"typeName": ', /not valid JSON/],
    ['an array', '[]', /must be a JSON object/],
    ['no typeName', { type: 'object' }, /no "typeName"/],
    ['a misspelt keyword', { typeName: 'AWS::SQS::Queue', type: 'object', additionalProperty: false }, /unknown keyword: "additionalProperty"/],
    ['an invalid schema', { typeName: 'AWS::SQS::Queue', type: 'objekt' }, /type/],
    ['an unknown placeholder', { typeName: 'AWS::SQS::Queue', const: '$<acount>' }, /unknown placeholder \$<acount>/],
    ['an undefined parameter', { typeName: 'AWS::SQS::Queue', const: '$<param:Nope>' }, /\$<param:Nope>/],
    ['another type', { typeName: 'AWS::SNS::Topic' }, /typeName is "AWS::SNS::Topic" but it is used for AWS::SQS::Queue/],
    ['a remote $ref', { typeName: 'AWS::SQS::Queue', $ref: 'https://example.com/schema.json' }, /never fetched/],
    ['a $ref cycle', { typeName: 'AWS::SQS::Queue', $ref: '#/definitions/a', definitions: { a: { $ref: '#/definitions/b' }, b: { $ref: '#/definitions/a' } } }, /cycle/],
    ['a bad x-rcfge', { typeName: 'AWS::SQS::Queue', 'x-rcfge': { delete: 'maybe' } }, /delete must be/],
    ['an unsafe pattern', { typeName: 'AWS::SQS::Queue', pattern: '^(a+)+\\1$' }, /backtrack/],
  ])('refuses a template with %s (template error, FAIL)', async (_, body, reason) => {
    const t = enforcerFor({ 'aws-sqs-queue.json': body });
    const verdict = await t.enforcer.check(target({ SqsManagedSseEnabled: true }), ctx);
    t.remove();
    expect(verdict).toMatchObject({ status: 'FAIL', kind: 'template-error' });
    expect(verdict.message).toMatch(reason);
    expect(verdict.message).toContain('fix the template');
  });

  it('accepts an official registry schema as a (permissive) template', async () => {
    const schema = builtInRegistry().text('aws-sqs-queue.json')!;
    const t = enforcerFor({ 'aws-sqs-queue.json': schema });
    const ok = await t.enforcer.check(target({ QueueName: 'q', DelaySeconds: '10' }), ctx);
    const bad = await t.enforcer.check(target({ DelaySeconds: '100000', NoSuchProperty: 'x' }), ctx);
    t.remove();
    expect(ok.status).toBe('PASS');
    expect(bad.findings.map((f) => f.path).sort()).toEqual(['/DelaySeconds', '/NoSuchProperty']);
  });
});

describe('Enforcer, when the caller does not know the stack (rcfge validate before deployment)', () => {
  const named = {
    typeName: 'AWS::SQS::Queue',
    description: 'Queues of stack $<stackName>',
    'x-rcfge': { remediation: 'Name the queue $<stackName>-<purpose>.' },
    type: 'object',
    properties: { QueueName: { type: 'string', pattern: '^$<stackName>-[a-z]+$' }, DelaySeconds: { type: 'integer', maximum: 900 } },
  };
  const owned = { typeName: 'AWS::SQS::Queue', type: 'object', properties: { RedriveAllowPolicy: { type: 'string', const: 'stack $<stackId>' } } };
  // A template whose placeholders stand only in words: description, title, remediation, and a property named like them.
  const words = {
    typeName: 'AWS::SQS::Queue',
    title: 'Queues of $<stackName>',
    'x-rcfge': { remediation: 'Ask the owners of $<stackId>.' },
    type: 'object',
    properties: { description: { type: 'string', maxLength: 5, description: 'about $<stackName>' }, DelaySeconds: { type: 'integer', maximum: 900, default: '$<stackName>', examples: ['$<stackId>'] } },
  };
  const unknownStack = { ...ctx, stackName: undefined, stackId: undefined };

  it.each([
    ['$<stackName> in a pattern', named, '$<stackName>'],
    ['$<stackId> in a const', owned, '$<stackId>'],
  ])('judges nothing, with no made-up value, when the template checks %s', async (_, body, name) => {
    const t = enforcerFor({ 'aws-sqs-queue.json': body });
    // With the name the Hook knows ("s"), the same template judges: one resource passes, the other fails.
    const known = await t.enforcer.check(target({ QueueName: 's-jobs', RedriveAllowPolicy: 'stack arn:aws:cloudformation:eu-west-1:111122223333:stack/s/1', DelaySeconds: '5' }), ctx);
    const unknown = await t.enforcer.check(target({ QueueName: 's-jobs', DelaySeconds: '99999' }), unknownStack);
    const deleted = await t.enforcer.check(target({}, 'DELETE'), unknownStack);
    t.remove();
    expect(known).toMatchObject({ status: 'PASS', kind: 'compliant' });
    // FAIL, so that a caller which does not expect it fails closed; no finding about the properties.
    expect(unknown).toMatchObject({ status: 'FAIL', kind: 'not-judged' });
    expect(unknown.findings.map((f) => f.rule)).toEqual(['RCFGE.template-value-unknown']);
    expect(unknown.message).toContain(`uses ${name}, whose value is known only when the stack is deployed`);
    // A delete reads only the template's policy.
    expect(deleted).toMatchObject({ status: 'PASS', kind: 'delete-allowed' });
  });

  it('judges a template whose stack placeholders stand only in words, and keeps them as written there', async () => {
    const t = enforcerFor({ 'aws-sqs-queue.json': words });
    const verdict = await t.enforcer.check(target({ DelaySeconds: '99999', description: 'longer than five' }), unknownStack);
    t.remove();
    expect(verdict).toMatchObject({ status: 'FAIL', kind: 'noncompliant', remediation: 'Ask the owners of $<stackId>.' });
    expect(verdict.findings.map((f) => `${f.path} ${f.keyword}`).sort()).toEqual(['/DelaySeconds maximum', '/description maxLength']);
  });
});
