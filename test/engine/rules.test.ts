import { Enforcer } from '../../src/engine/enforcer';
import { toFindings } from '../../src/engine/findings';
import { CachingTemplateProvider } from '../../src/store/caching-provider';
import { DirectoryTemplateStore } from '../../src/store/directory-store';
import { testContext } from '../support/context';
import { templateDir } from '../support/template-dir';

/**
 * Findings filed under the nearest enclosing x-rcfge rule (issue 10 item 7), through the
 * Enforcer on a real folder of templates. The shapes that make "nearest" hard: one
 * definition reached through $ref from sites under different rules, recursion, if/then.
 */
const ctx = testContext('AWS::EC2::SecurityGroup', 'Group', {});

const rule = (id: string, title: string, extra: Record<string, unknown> = {}) => ({ 'x-rcfge': { id, title, ...extra } });

const groupTemplate = {
  typeName: 'AWS::EC2::SecurityGroup',
  'x-rcfge': { remediation: 'Ask the network team.' },
  type: 'object',
  additionalProperties: false,
  properties: {
    GroupDescription: { type: 'string', maxLength: 10 },
    SecurityGroupIngress: { ...rule('ORG-EC2-1', 'SSH is not open to the internet', { remediation: 'Use Session Manager.', controls: ['CT.EC2.PR.4'] }), type: 'array', items: { $ref: '#/definitions/Rule' } },
    SecurityGroupEgress: { ...rule('ORG-EC2-2', 'Egress stays inside the VPC'), type: 'array', items: { $ref: '#/definitions/Rule' } },
    Nested: { $ref: '#/definitions/Tree' },
    Ports: {
      type: 'object',
      additionalProperties: false,
      properties: { From: { type: 'integer' }, To: { type: 'integer' } },
      if: { properties: { From: { type: 'integer', maximum: 22 } } },
      then: { ...rule('ORG-EC2-3', 'Port 22 is never in a range'), properties: { To: { type: 'integer', maximum: 21 } } },
    },
    Forbidden: false,
  },
  definitions: {
    Rule: {
      type: 'object',
      additionalProperties: false,
      properties: { CidrIp: { type: 'string', not: { const: '0.0.0.0/0' } }, Port: { type: 'integer', ...rule('ORG-EC2-9', 'Only web ports'), enum: [80, 443] } },
    },
    Tree: {
      ...rule('ORG-TREE', 'Trees are shallow'),
      type: 'object',
      additionalProperties: false,
      properties: { Child: { $ref: '#/definitions/Tree' }, Leaf: { type: 'string', ...rule('ORG-LEAF', 'Leaves are short'), maxLength: 3 } },
    },
  },
};

let remove: () => void;
let enforcer: Enforcer;

beforeAll(() => {
  const dir = templateDir({ 'aws-ec2-securitygroup.json': groupTemplate });
  remove = dir.remove;
  enforcer = new Enforcer(new CachingTemplateProvider(new DirectoryTemplateStore(dir.dir), { ttlMs: 60_000, maxStaleMs: 0 }), { missingTemplateAction: 'FAIL' });
});
afterAll(() => remove());

const check = (properties: unknown) => enforcer.check({ typeName: 'AWS::EC2::SecurityGroup', logicalId: 'Group', operation: 'CREATE', properties }, ctx);
const rulesOf = async (properties: unknown) => (await check(properties)).findings.map((f) => `${f.path} ${f.rule}`);

describe('findings under the nearest rule', () => {
  it('files a violation inside a shared definition under the rule of the site that referenced it', async () => {
    const verdict = await check({ SecurityGroupIngress: [{ CidrIp: '0.0.0.0/0' }], SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', Extra: 1 }] });
    expect(verdict.findings.map((f) => `${f.path} ${f.keyword} ${f.rule}`)).toEqual([
      '/SecurityGroupIngress/0/CidrIp not ORG-EC2-1',
      '/SecurityGroupEgress/0/Extra additionalProperties ORG-EC2-2',
      '/SecurityGroupEgress/0/CidrIp not ORG-EC2-2',
    ]);
    const ingress = verdict.findings[0];
    expect(ingress).toMatchObject({ title: 'SSH is not open to the internet', remediation: 'Use Session Manager.', controls: ['CT.EC2.PR.4'] });
    expect(verdict.findings[1]).not.toHaveProperty('remediation');
  });

  it('prefers a rule inside the definition over the one around the reference', async () => {
    expect(await rulesOf({ SecurityGroupIngress: [{ Port: 22 }], SecurityGroupEgress: [{ Port: '8080' }] })).toEqual(['/SecurityGroupIngress/0/Port ORG-EC2-9', '/SecurityGroupEgress/0/Port ORG-EC2-9']);
  });

  it('follows recursive references to the depth of the value', async () => {
    expect(await rulesOf({ Nested: { Child: { Child: { Leaf: 'long', Bad: 1 } } } })).toEqual(['/Nested/Child/Child/Bad ORG-TREE', '/Nested/Child/Child/Leaf ORG-LEAF']);
  });

  it('files the violation of a then branch under the rule on that branch', async () => {
    const verdict = await check({ Ports: { From: '20', To: '30' } });
    expect(verdict.findings).toEqual([expect.objectContaining({ path: '/Ports/To', keyword: 'maximum', rule: 'ORG-EC2-3', title: 'Port 22 is never in a range' })]);
    expect(verdict.message).toContain('[ORG-EC2-3] Port 22 is never in a range: /Ports/To value');
  });

  it('uses RCFGE.<keyword> and a title per keyword where no rule applies', async () => {
    const verdict = await check({ GroupDescription: 'far too long', Forbidden: 'x', Unknown: 1 });
    expect(verdict.findings.map((f) => [f.path, f.rule, f.title])).toEqual([
      ['/Unknown', 'RCFGE.additionalProperties', 'Property not approved by the template'],
      ['/GroupDescription', 'RCFGE.maxLength', 'Value length out of the approved range'],
      ['/Forbidden', 'RCFGE.false-schema', 'Property forbidden by the template'],
    ]);
  });

  it('puts each rule\'s remediation once in the message, before the template\'s', async () => {
    const verdict = await check({ SecurityGroupIngress: [{ CidrIp: '0.0.0.0/0' }, { CidrIp: '0.0.0.0/0' }] });
    expect(verdict.message.endsWith(' Remediation: [ORG-EC2-1] Use Session Manager. Ask the network team.')).toBe(true);
    expect(verdict.message).toContain('(2 violations): [ORG-EC2-1] SSH is not open to the internet: /SecurityGroupIngress/0/CidrIp value');
  });
});

describe('x-rcfge rules are checked like keywords', () => {
  const bad = async (extension: unknown, where: 'root' | 'nested' = 'nested') => {
    const template = where === 'root'
      ? { typeName: 'AWS::SQS::Queue', 'x-rcfge': extension, type: 'object', additionalProperties: false }
      : { typeName: 'AWS::SQS::Queue', type: 'object', additionalProperties: false, properties: { A: { type: 'string', 'x-rcfge': extension } } };
    const dir = templateDir({ 'aws-sqs-queue.json': template });
    try {
      const e = new Enforcer(new CachingTemplateProvider(new DirectoryTemplateStore(dir.dir), { ttlMs: 0, maxStaleMs: 0 }), { missingTemplateAction: 'FAIL' });
      const verdict = await e.check({ typeName: 'AWS::SQS::Queue', logicalId: 'Q', operation: 'CREATE', properties: {} }, ctx);
      return `${verdict.kind}: ${verdict.findings[0]?.rule} ${verdict.findings[0]?.message ?? ''}`;
    } finally {
      dir.remove();
    }
  };

  it.each([
    [{ id: 'ORG-1' }, /"x-rcfge" at \/properties\/A rule ORG-1 needs a "title"/],
    [{ title: 'No id' }, /a rule needs an "id"/],
    [{ id: 'ORG 1', title: 'Space' }, /a rule needs an "id" of letters/],
    [{ id: 'RCFGE.enum', title: 'Reserved' }, /prefix RCFGE\. is reserved/],
    [{ id: 'ORG-1', title: 'T', titel: 'typo' }, /unknown key\(s\) titel/],
    [{ id: 'ORG-1', title: 'T', controls: 'CT.S3.PR.1' }, /"controls" must be a list/],
    [{ remediation: 'without a rule' }, /a rule needs an "id"/],
    [{ delete: 'deny' }, /"delete" belongs at the top level only/],
  ])('refuses %j on a nested schema as a template error', async (extension, reason) => {
    expect(await bad(extension)).toMatch(new RegExp(`^template-error: RCFGE.template-invalid .*${reason.source}`));
  });

  it('accepts a rule at the top level beside the delete policy, and files deletion under it', async () => {
    const template = { typeName: 'AWS::SQS::Queue', 'x-rcfge': { id: 'ORG-SQS', title: 'Queues stay', delete: 'deny', remediation: 'Keep it.' }, type: 'object', additionalProperties: false };
    const dir = templateDir({ 'aws-sqs-queue.json': template });
    try {
      const e = new Enforcer(new CachingTemplateProvider(new DirectoryTemplateStore(dir.dir), { ttlMs: 0, maxStaleMs: 0 }), { missingTemplateAction: 'FAIL' });
      const deleted = await e.check({ typeName: 'AWS::SQS::Queue', logicalId: 'Q', operation: 'DELETE', properties: {} }, ctx);
      expect(deleted.findings).toEqual([expect.objectContaining({ rule: 'ORG-SQS', title: 'Queues stay' })]);
      const created = await e.check({ typeName: 'AWS::SQS::Queue', logicalId: 'Q', operation: 'CREATE', properties: { X: 1 } }, ctx);
      expect(created.findings).toEqual([expect.objectContaining({ path: '/X', rule: 'ORG-SQS' })]);
    } finally {
      dir.remove();
    }
  });
});

describe('a keyword that names its own rule', () => {
  it('takes rule, title and message from the error params before any enclosing x-rcfge rule', () => {
    const schema = { 'x-rcfge': { id: 'ORG-OUTER', title: 'Outer' }, type: 'object', properties: { S: { policyStatement: true } } };
    const error = { keyword: 'policyStatement', instancePath: '/S/Action/1', schemaPath: '#/properties/S/policyStatement', params: { rule: 'RCFGE-IAM-3', title: 'Actions exist' }, message: '"s3:GetObjects" names no s3 action', parentSchema: schema.properties.S };
    const other = { keyword: 'const', instancePath: '/T', schemaPath: '#/const', params: { allowedValue: 1 }, message: 'must be equal to constant', parentSchema: schema };
    const findings = toFindings([error, other], 'f.json', { S: { Action: ['s3:x', 's3:GetObjects'] }, T: 2 }, [], schema);
    expect(findings.map((f) => [f.path, f.rule, f.title, f.message])).toEqual([
      ['/S/Action/1', 'RCFGE-IAM-3', 'Actions exist', '"s3:GetObjects" names no s3 action'],
      ['/T', 'ORG-OUTER', 'Outer', 'value 2 is not approved; it must be 1'],
    ]);
  });
});
