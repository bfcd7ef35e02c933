import { essence, Faces } from './support/faces';

/**
 * cfn-lint's keywords that read like constraints are enforced with their documented
 * meaning (issue 10 item 6), the same in the Hook and in `rcfge validate`.
 */
const TYPE = 'AWS::EC2::SecurityGroupIngress';
const template = {
  typeName: TYPE,
  type: 'object',
  additionalProperties: false,
  properties: {
    CidrIp: { type: 'string' },
    CidrIpv6: { type: 'string' },
    SourceSecurityGroupId: { type: 'string' },
    IpProtocol: { type: 'string', enumCaseInsensitive: ['tcp', 'udp'] },
    FromPort: { type: 'integer' },
    ToPort: { type: 'integer' },
    Description: { type: 'string' },
    Rules: { type: 'array', uniqueKeys: ['Name', 'Port'], items: { type: 'object', additionalProperties: false, properties: { Name: { type: 'string' }, Port: { type: 'integer' } } } },
  },
  requiredXor: ['CidrIp', 'CidrIpv6', 'SourceSecurityGroupId'],
  requiredOr: ['Description', 'Rules'],
  dependentRequired: { FromPort: ['ToPort'] },
  dependentExcluded: { SourceSecurityGroupId: ['FromPort'] },
};

let faces: Faces;
beforeAll(async () => {
  faces = await Faces.start({ 'aws-ec2-securitygroupingress.json': template });
});
afterAll(() => faces.close());

const ok = { CidrIp: '10.0.0.0/8', IpProtocol: 'tcp', Description: 'x' };

describe('keywords enforced with their documented meaning, Hook and validate alike', () => {
  it.each([
    ['a compliant rule', ok, []],
    ['requiredXor: none of the alternatives', { IpProtocol: 'tcp', Description: 'x' }, ['/ [RCFGE.requiredXor] exactly one of "CidrIp", "CidrIpv6", "SourceSecurityGroupId" is required; none is set']],
    ['requiredXor: two alternatives', { ...ok, CidrIpv6: '::/0' }, ['/CidrIpv6 [RCFGE.requiredXor] only one of "CidrIp", "CidrIpv6", "SourceSecurityGroupId" may be set; "CidrIp", "CidrIpv6" are']],
    ['requiredOr: neither', { CidrIp: '10.0.0.0/8', IpProtocol: 'tcp' }, ['/ [RCFGE.requiredOr] at least one of "Description", "Rules" is required; none is set']],
    ['dependentRequired', { ...ok, FromPort: 22 }, ['/ToPort [RCFGE.dependentRequired] required property "ToPort" is missing: "FromPort" needs it']],
    ['dependentExcluded', { SourceSecurityGroupId: 'sg-1', IpProtocol: 'tcp', Description: 'x', FromPort: 22, ToPort: 22 }, ['/FromPort [RCFGE.dependentExcluded] property "FromPort" may not be set together with "SourceSecurityGroupId"']],
    ['enumCaseInsensitive accepts any case', { ...ok, IpProtocol: 'TCP' }, []],
    ['enumCaseInsensitive refuses another value', { ...ok, IpProtocol: 'icmp' }, ['/IpProtocol [RCFGE.enumCaseInsensitive] value "icmp" is not one of the approved values (in any case): "tcp", "udp"']],
    ['uniqueKeys: same name and port (5 and "5" alike)', { ...ok, Rules: [{ Name: 'a', Port: 5 }, { Name: 'b', Port: 5 }, { Name: 'a', Port: '5' }] }, ['/Rules/2 [RCFGE.uniqueKeys] items 0 and 2 have the same "Name", "Port"; each item needs its own']],
    ['uniqueKeys: different ports', { ...ok, Rules: [{ Name: 'a', Port: 5 }, { Name: 'a', Port: 6 }] }, []],
  ])('%s', async (_name, properties, expected) => {
    const { hook, validate } = await faces.both(TYPE, properties);
    expect(essence(validate).map((e) => e.replace(/^ /, '/ '))).toEqual(expected);
    expect(essence(hook)).toEqual(essence(validate));
    expect(hook.status).toBe(validate.status);
    expect(validate.status).toBe(expected.length === 0 ? 'PASS' : 'FAIL');
  });

  it('gives each keyword its title when no rule encloses it', async () => {
    const { validate } = await faces.both(TYPE, { IpProtocol: 'x' });
    expect(validate.findings.map((f) => `${f.rule}: ${f.title}`).sort()).toEqual([
      'RCFGE.enumCaseInsensitive: Value not among the approved values',
      'RCFGE.requiredOr: At least one of the alternative properties',
      'RCFGE.requiredXor: Exactly one of the alternative properties',
    ]);
  });
});

describe('keywords the engine cannot enforce, and malformed ones, are template errors', () => {
  const closed = (extra: Record<string, unknown>) => ({ typeName: 'AWS::SQS::Queue', type: 'object', additionalProperties: false, properties: { A: { type: 'string', ...extra } } });
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['cfnLint', { cfnLint: ['AWS::SQS::Queue.A'] }, /keyword "cfnLint" is not enforced by the engine: it names cfn-lint rules/],
    ['awsType', { awsType: 'CfnLintJsonSchema' }, /keyword "awsType" is not enforced by the engine/],
    ['required_xor', { required_xor: ['A'] }, /keyword "required_xor" is not enforced by the engine: write "requiredXor"/],
    ['requiredXor with a string', { requiredXor: 'A' }, /requiredXor/],
    ['uniqueKeys with no key', { uniqueKeys: [] }, /uniqueKeys/],
    ['a format with a stray space', { format: 'uri ' }, /format "uri " has a stray character \(did you mean "uri"\?\)/],
    ['a format with a stray comma', { format: 'date-time,' }, /format "date-time," has a stray character \(did you mean "date-time"\?\)/],
  ];
  it.each(cases)('%s', async (_name, extra, reason) => {
    const faces = await Faces.start({ 'aws-sqs-queue.json': closed(extra) });
    try {
      const { hook, validate } = await faces.both('AWS::SQS::Queue', { A: 'x' });
      for (const face of [hook, validate]) {
        expect(face.status).toBe('FAIL');
        expect(face.findings).toEqual([expect.objectContaining({ rule: 'RCFGE.template-invalid', message: expect.stringMatching(reason) })]);
      }
      expect(hook.message).toMatch(/is invalid: .*Fix the template|fails closed; fix the template/);
    } finally {
      await faces.close();
    }
  });

  it('keeps a regular expression put in "format" by a registry schema as an unchecked annotation', async () => {
    const faces = await Faces.start({ 'aws-sqs-queue.json': closed({ format: '(^arn:[a-z\\d-]+:rekognition:[a-z\\d-]+:\\d{12}:collection\\/([a-zA-Z0-9_.\\-]+){1,255})' }) });
    try {
      const { hook, validate } = await faces.both('AWS::SQS::Queue', { A: 'anything' });
      expect([hook.status, validate.status]).toEqual(['PASS', 'PASS']);
    } finally {
      await faces.close();
    }
  });
});
