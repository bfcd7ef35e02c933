#!/usr/bin/env node
// Writes the shared "open to the internet" rule into the security group templates
// (AWS::EC2::SecurityGroup rules and standalone AWS::EC2::SecurityGroupIngress), so the
// port list and the address patterns live in one place. Templates are standalone JSON
// (remote $refs are refused), hence a generator rather than a shared file.
//
//   node scripts/security-group-rules.mjs          rewrite the templates
//   node scripts/security-group-rules.mjs --check  exit 1 if a template is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TEMPLATES = join(import.meta.dirname, '..', 'templates');

/** CT.EC2.PR.4's high-risk ports (its BLOCKED_PORTS), sorted. */
export const HIGH_RISK_PORTS = [20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300];

const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const IPV4_PREFIX = '([0-9]|[12][0-9]|3[0-2])';
/** An IPv4 CIDR as EC2 writes it: no leading zeros, prefix 0..32. */
export const IPV4_CIDR = `^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}/${IPV4_PREFIX}$`;
export const IPV6_CIDR = '^[0-9A-Fa-f:.]{2,45}/([0-9]|[1-9][0-9]|1[01][0-9]|12[0-8])$';

/**
 * Not the internet: inside RFC 1918 (10/8, 172.16/12, 192.168/16), or a prefix of /16 or
 * longer (at most 65,536 addresses: a site, not the internet). A prefix at least as long as
 * the private block's, starting inside it, cannot reach outside it whatever its host bits.
 */
export const IPV4_NOT_INTERNET =
  `^(10\\.${OCTET}\\.${OCTET}\\.${OCTET}/([89]|[12][0-9]|3[0-2])` +
  `|172\\.(1[6-9]|2[0-9]|3[01])\\.${OCTET}\\.${OCTET}/(1[2-9]|2[0-9]|3[0-2])` +
  `|${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}/(1[6-9]|2[0-9]|3[0-2]))$`;
/** Not the internet: unique-local fc00::/7 (first hextet fcXX/fdXX written in full), or a /48 or longer (one site). */
export const IPV6_NOT_INTERNET = '^([Ff][CcDd][0-9A-Fa-f]{2}:[0-9A-Fa-f:.]*/([7-9]|[1-9][0-9]|1[01][0-9]|12[0-8])|[0-9A-Fa-f:.]+/(4[89]|[5-9][0-9]|1[01][0-9]|12[0-8]))$';

const PROTOCOLS = ['tcp', 'udp', 'icmp', 'icmpv6'];

/** The port ranges between high-risk ports: a tcp/udp range from the internet must lie inside one. */
function gaps() {
  const out = [];
  let low = 0;
  for (const port of [...HIGH_RISK_PORTS, 65536]) {
    if (port > low) out.push([low, port - 1]);
    low = port + 1;
  }
  return out;
}

export const INTERNET_RULE = {
  id: 'RCFGE-EC2-1',
  title: 'No high-risk port open to the internet',
  remediation: `From the internet (a public CIDR shorter than /16 for IPv4 or /48 for IPv6, or a prefix list), allow only tcp, udp, icmp or icmpv6, and for tcp/udp give FromPort and ToPort with a range that contains none of ${HIGH_RISK_PORTS.join(', ')}. Use Systems Manager Session Manager, a load balancer, a source security group or a private (RFC 1918, fc00::/7) or narrow (/16 or longer) range instead.`,
  controls: ['CT.EC2.PR.4'],
};

export function internetIngress() {
  const fromInside = ([low, high]) => ({
    if: { required: ['FromPort'], properties: { FromPort: { type: 'integer', minimum: low, maximum: high } } },
    then: { properties: { ToPort: { type: 'integer', maximum: high } } },
  });
  return {
    description: `Constraint on an ingress rule (same keys as the rule it applies to): from the internet, only ${PROTOCOLS.join('/')} and no port range containing a high-risk port (CT.EC2.PR.4). A prefix list counts as the internet: its entries are not known here.`,
    'x-rcfge': INTERNET_RULE,
    if: {
      anyOf: [
        { required: ['CidrIp'], properties: { CidrIp: { type: 'string', not: { pattern: IPV4_NOT_INTERNET } } } },
        { required: ['CidrIpv6'], properties: { CidrIpv6: { type: 'string', not: { pattern: IPV6_NOT_INTERNET } } } },
        { required: ['SourcePrefixListId'] },
      ],
    },
    then: {
      properties: { IpProtocol: { type: 'string', enum: PROTOCOLS } },
      if: { required: ['IpProtocol'], properties: { IpProtocol: { type: 'string', enum: ['tcp', 'udp'] } } },
      then: {
        required: ['FromPort', 'ToPort'],
        properties: {
          FromPort: { type: 'integer', minimum: 0, not: { enum: HIGH_RISK_PORTS } },
          ToPort: { type: 'integer', minimum: 0 },
        },
        allOf: gaps().map(fromInside),
      },
    },
  };
}

/** Where each template keeps its rule's properties (an ingress rule object schema). */
const TARGETS = [
  { file: 'aws-ec2-securitygroup.json', rule: (t) => t.definitions.Ingress, egress: (t) => t.definitions.Egress },
  { file: 'aws-ec2-securitygroupingress.json', rule: (t) => t, egress: () => undefined },
  { file: 'aws-ec2-securitygroupegress.json', rule: () => undefined, egress: (t) => t },
];

function render(template, target) {
  const copy = structuredClone(template);
  const rule = target.rule(copy);
  if (rule) {
    copy.definitions = { ...copy.definitions, InternetIngress: internetIngress() };
    rule.properties.CidrIp = { ...rule.properties.CidrIp, type: 'string', pattern: IPV4_CIDR };
    rule.properties.CidrIpv6 = { ...rule.properties.CidrIpv6, type: 'string', pattern: IPV6_CIDR };
    rule.allOf = [{ $ref: '#/definitions/InternetIngress' }];
  }
  const egress = target.egress(copy);
  if (egress) {
    egress.properties.CidrIp = { ...egress.properties.CidrIp, type: 'string', pattern: IPV4_CIDR };
    egress.properties.CidrIpv6 = { ...egress.properties.CidrIpv6, type: 'string', pattern: IPV6_CIDR };
  }
  return `${JSON.stringify(copy, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const target of TARGETS) {
    const path = join(TEMPLATES, target.file);
    const text = readFileSync(path, 'utf8');
    const next = render(JSON.parse(text), target);
    if (next === text) continue;
    stale++;
    if (check) console.error(`${target.file} is out of date: run node scripts/security-group-rules.mjs`);
    else writeFileSync(path, next);
  }
  process.exit(check && stale > 0 ? 1 : 0);
}
