import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ROOT } from '../support/paths';
import { BothFaces, findingKeys } from './support/both-faces';
import { HIGH_RISK_PORTS, type IngressRule, isInternetV4, isInternetV6, ruleAllowed } from './support/internet';
import { runSeed } from '../support/fuzz';

/**
 * Issue 10, bypass 2: "open to the internet" means any public range, not only /0 and /1,
 * for rules inside AWS::EC2::SecurityGroup and for standalone AWS::EC2::SecurityGroupIngress,
 * with CT.EC2.PR.4's high-risk ports, port ranges containing them and all-traffic rules.
 * Named cases go through `rcfge validate` and the Hook handler; generated rules are judged
 * by the Hook against an arithmetic reference (support/internet.ts).
 */
const SG = 'AWS::EC2::SecurityGroup';
const INGRESS = 'AWS::EC2::SecurityGroupIngress';

const inGroup = (rule: IngressRule): Record<string, unknown> => ({ GroupDescription: 'web', VpcId: 'vpc-0123456789abcdef0', SecurityGroupIngress: [rule] });
const standalone = (rule: IngressRule): Record<string, unknown> => ({ GroupId: 'sg-0123456789abcdef0', ...rule });

const ssh = (cidr: Partial<IngressRule>): IngressRule => ({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, ...cidr });

/** Rules that opened a high-risk port (or everything) to the internet before this fix. */
const BYPASSES: Record<string, IngressRule[]> = {
  SshFromFourSlash2: ['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/2', '192.0.0.0/2'].map((CidrIp) => ssh({ CidrIp })),
  RdpFrom2000Slash3: [{ IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, CidrIpv6: '2000::/3' }],
  AllTrafficFromSlash2: [{ IpProtocol: '-1', CidrIp: '128.0.0.0/2' }],
  AllTrafficFrom2000Slash3: [{ IpProtocol: '-1', CidrIpv6: '2000::/3' }],
  SshFromSlash8Public: [ssh({ CidrIp: '52.0.0.0/8' })],
  MysqlFromAnywhere: [{ IpProtocol: 'tcp', FromPort: 3306, ToPort: 3306, CidrIp: '0.0.0.0/0' }],
  PostgresFromAnywhereV6: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, CidrIpv6: '::/0' }],
  RangeContainingMysqlAndRdp: [{ IpProtocol: 'tcp', FromPort: 3000, ToPort: 3500, CidrIp: '0.0.0.0/0' }],
  RangeContainingElasticsearch: [{ IpProtocol: 'tcp', FromPort: 9000, ToPort: 9999, CidrIp: '0.0.0.0/1' }],
  UdpRangeContainingSmb: [{ IpProtocol: 'udp', FromPort: 400, ToPort: 500, CidrIp: '0.0.0.0/0' }],
  ProtocolNumberFromAnywhere: [{ IpProtocol: '6', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }],
  AllTrafficFromPrefixList: [{ IpProtocol: '-1', SourcePrefixListId: 'pl-0123456789abcdef0' }],
  SshFromPrefixList: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, SourcePrefixListId: 'pl-0123456789abcdef0' }],
  TcpWithoutPorts: [{ IpProtocol: 'tcp', CidrIp: '0.0.0.0/0' }],
  TcpAllPortsAsMinusOne: [{ IpProtocol: 'tcp', FromPort: -1, ToPort: -1, CidrIp: '0.0.0.0/0' }],
};

/** Rules the baseline accepts: safe ports from anywhere, anything from private, narrow or group sources. */
const ACCEPTED: Record<string, IngressRule[]> = {
  HttpsFromAnywhere: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }, { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv6: '::/0' }],
  HttpFromAnywhere: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' }],
  RangeBetweenHighRiskPorts: [{ IpProtocol: 'tcp', FromPort: 1435, ToPort: 2999, CidrIp: '0.0.0.0/0' }],
  PingFromAnywhere: [{ IpProtocol: 'icmp', FromPort: -1, ToPort: -1, CidrIp: '0.0.0.0/0' }],
  SshFromRfc1918: [ssh({ CidrIp: '10.0.0.0/8' }), ssh({ CidrIp: '172.16.0.0/12' }), ssh({ CidrIp: '192.168.0.0/16' })],
  AllTrafficFromVpc: [{ IpProtocol: '-1', CidrIp: '10.20.0.0/16' }],
  RdpFromCorporateRange: [{ IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, CidrIp: '203.0.113.0/24' }],
  SshFromSlash16: [ssh({ CidrIp: '198.51.0.0/16' })],
  SshFromUniqueLocal: [ssh({ CidrIpv6: 'fd12:3456:789a::/48' }), ssh({ CidrIpv6: 'fc00::/7' })],
  SshFromSlash48: [ssh({ CidrIpv6: '2001:db8:1234::/48' })],
  AllTrafficFromSourceGroup: [{ IpProtocol: '-1', SourceSecurityGroupId: 'sg-0fedcba9876543210' }],
  HttpsFromPrefixList: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourcePrefixListId: 'pl-0123456789abcdef0' }],
};

let faces: BothFaces;
beforeAll(async () => {
  faces = await BothFaces.start();
});
afterAll(async () => {
  await faces.close();
});

it("the templates' high-risk ports are CT.EC2.PR.4's BLOCKED_PORTS", () => {
  const guard = readFileSync(join(ROOT, 'node_modules/@cdklabs/cdk-validator-cfnguard/rules/control-tower/cfn-guard/ec2/ct-ec2-pr-4.guard'), 'utf8');
  const listed = /let BLOCKED_PORTS = \[([^\]]*)\]/.exec(guard)?.[1] ?? '';
  const blocked = listed.split(',').map((p) => Number(p.trim()));
  expect(blocked).toHaveLength(24);
  expect([...HIGH_RISK_PORTS].sort((a, b) => a - b)).toEqual([...blocked].sort((a, b) => a - b));
});

describe.each([
  ['inside AWS::EC2::SecurityGroup', SG, inGroup],
  ['standalone AWS::EC2::SecurityGroupIngress', INGRESS, standalone],
] as const)('%s', (_where, type, wrap) => {
  const resources = (cases: Record<string, IngressRule[]>) =>
    Object.fromEntries(Object.entries(cases).flatMap(([id, rules]) => rules.map((rule, i) => [`${id}${i}`, { type, properties: wrap(rule) }])));

  it.each(Object.keys(BYPASSES))('refuses %s through validate and the Hook, with the same findings', async (id) => {
    // Act
    const judged = await faces.judge(resources({ [id]: BYPASSES[id] }));
    // Assess
    for (const [logicalId, { validate, hook }] of Object.entries(judged)) {
      expect({ logicalId, validate: validate.status, hook: hook.status, errorCode: hook.errorCode }).toEqual({ logicalId, validate: 'FAIL', hook: 'FAIL', errorCode: 'NonCompliant' });
      expect(findingKeys(hook)).toEqual(findingKeys(validate));
    }
  });

  it('names the rule and the forbidden ports in both faces\' words', async () => {
    // Act
    const { validate, hook } = (await faces.judge(resources({ Ssh: [ssh({ CidrIp: '0.0.0.0/0' })] })))['Ssh0'];
    // Assess
    const words = 'value 22 is one of the values the template forbids here: 20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, … (24 in all)';
    for (const face of [validate, hook]) expect(face.findings).toEqual([expect.objectContaining({ rule: 'RCFGE-EC2-1', message: words })]);
    expect(hook.message).toContain(`[RCFGE-EC2-1] No high-risk port open to the internet: ${type === SG ? '/SecurityGroupIngress/0/FromPort' : '/FromPort'} ${words}`);
  });

  it.each(Object.keys(ACCEPTED))('accepts %s through validate and the Hook', async (id) => {
    // Act
    const judged = await faces.judge(resources({ [id]: ACCEPTED[id] }));
    // Assess
    for (const [logicalId, { validate, hook }] of Object.entries(judged)) {
      expect({ logicalId, validate: validate.status, hook: hook.status, findings: hook.findings }).toEqual({ logicalId, validate: 'PASS', hook: 'PASS', findings: [] });
    }
  });
});

describe('the templates', () => {
  it('hold the rule scripts/security-group-rules.mjs writes (the one place the port list and ranges live)', () => {
    // A hand edit to one template (the other keeping the old rule) would otherwise go unnoticed.
    expect(() => execFileSync(process.execPath, [join(ROOT, 'scripts', 'security-group-rules.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});

describe('the reference', () => {
  it.each([
    ['0.0.0.0/2', true],
    ['128.0.0.0/1', true],
    ['52.0.0.0/15', true],
    ['52.0.0.0/16', false],
    ['10.0.0.0/8', false],
    ['10.0.0.0/7', true],
    ['172.16.0.0/12', false],
    ['172.16.0.0/11', true],
    ['172.32.0.0/12', true],
    ['192.168.0.0/15', true],
  ])('IPv4 %s is the internet: %s', (cidr, expected) => {
    expect(isInternetV4(cidr)).toBe(expected);
  });

  it.each([
    ['::/0', true],
    ['2000::/3', true],
    ['2001:db8::/47', true],
    ['2001:db8::/48', false],
    ['fc00::/7', false],
    ['fc00::/6', true],
    ['fd12:3456:789a::/48', false],
    ['fe80::/10', true],
  ])('IPv6 %s is the internet: %s', (cidr, expected) => {
    expect(isInternetV6(cidr)).toBe(expected);
  });
});

describe('generated ingress rules: the Hook agrees with the reference', () => {
  const octet = fc.integer({ min: 0, max: 255 });
  const v4 = fc.oneof(
    fc.tuple(octet, octet, octet, octet, fc.integer({ min: 0, max: 32 })).map(([a, b, c, d, len]) => `${a}.${b}.${c}.${d}/${len}`),
    fc.tuple(fc.constantFrom('10', '172.15', '172.16', '172.31', '172.32', '192.168', '192.169'), fc.integer({ min: 5, max: 20 })).map(([head, len]) => `${[...head.split('.'), '0', '0', '0'].slice(0, 4).join('.')}/${len}`),
  );
  const hextet = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
  const v6 = fc.oneof(
    fc.tuple(fc.array(hextet, { minLength: 8, maxLength: 8 }), fc.integer({ min: 0, max: 128 })).map(([groups, len]) => `${groups.join(':')}/${len}`),
    fc.tuple(fc.constantFrom('fc00', 'fd12', 'fe80', '2001', '2000', 'fb00', 'ff00'), fc.integer({ min: 0, max: 64 })).map(([head, len]) => `${head}::/${len}`),
  );
  const source = fc.oneof(
    { arbitrary: v4.map((CidrIp) => ({ CidrIp })), weight: 4 },
    { arbitrary: v6.map((CidrIpv6) => ({ CidrIpv6 })), weight: 3 },
    { arbitrary: fc.constant({ SourcePrefixListId: 'pl-0123456789abcdef0' }), weight: 1 },
    { arbitrary: fc.constant({ SourceSecurityGroupId: 'sg-0fedcba9876543210' }), weight: 1 },
  );
  const port = fc.oneof(fc.constantFrom(-1, 0, 19, 20, 22, 24, 80, 443, 3389, 9300, 9301, 65535), fc.integer({ min: 0, max: 65535 }));
  const rule = fc
    .record({ source, protocol: fc.constantFrom('tcp', 'udp', 'icmp', 'icmpv6', '-1', '6', '17', 'TCP'), from: fc.option(port, { nil: undefined }), span: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2000 })), withTo: fc.boolean() })
    .map(({ source: s, protocol, from, span, withTo }): IngressRule => ({
      IpProtocol: protocol,
      ...s,
      ...(from === undefined ? {} : { FromPort: from }),
      ...(from !== undefined && withTo ? { ToPort: from < 0 ? from : Math.min(65535, from + span) } : {}),
    }));

  it.each([
    ['inside AWS::EC2::SecurityGroup', SG, inGroup],
    ['standalone AWS::EC2::SecurityGroupIngress', INGRESS, standalone],
  ] as const)('%s', async (_where, type, wrap) => {
    let allowed = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(rule, async (r) => {
        const verdict = await faces.hook('Generated', { type, properties: wrap(r) });
        const expected = ruleAllowed(r);
        expect({ rule: r, status: verdict.status }).toEqual({ rule: r, status: expected ? 'PASS' : 'FAIL' });
        if (expected) allowed++;
        else refused++;
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 600), seed: runSeed() },
    );
    process.stdout.write(`generated ingress rules ${_where}: ${allowed} allowed, ${refused} refused, all as the reference says\n`);
    expect(allowed).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
  });
});
