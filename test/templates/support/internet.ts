/**
 * The security group rule of the baseline, written as arithmetic on addresses (not as the
 * template's patterns), to judge the templates against: an ingress rule is open to the
 * internet when its source is a prefix list or a CIDR that is neither inside a private
 * block (RFC 1918, fc00::/7) nor at least a /16 (IPv4) or /48 (IPv6); from there only
 * tcp/udp/icmp/icmpv6 are allowed, and tcp/udp only on port ranges that contain none of
 * CT.EC2.PR.4's high-risk ports.
 */
export const HIGH_RISK_PORTS = [3389, 20, 23, 110, 143, 3306, 8080, 1433, 9200, 9300, 25, 445, 135, 21, 1434, 4333, 5432, 5500, 5601, 22, 3000, 5000, 8088, 8888];

export interface IngressRule {
  readonly IpProtocol: string;
  readonly FromPort?: number;
  readonly ToPort?: number;
  readonly CidrIp?: string;
  readonly CidrIpv6?: string;
  readonly SourcePrefixListId?: string;
  readonly SourceSecurityGroupId?: string;
}

function ipv4(cidr: string): { address: bigint; length: number } {
  const [address, length] = cidr.split('/');
  const value = address.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
  return { address: value, length: Number(length) };
}

function ipv6(cidr: string): { address: bigint; length: number } {
  const [address, length] = cidr.split('/');
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return { address: groups.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n), length: Number(length) };
}

function inside(cidr: { address: bigint; length: number }, block: { address: bigint; length: number }, bits: bigint): boolean {
  const shift = bits - BigInt(block.length);
  return cidr.length >= block.length && cidr.address >> shift === block.address >> shift;
}

const PRIVATE_V4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map(ipv4);
const UNIQUE_LOCAL_V6 = ipv6('fc00::/7');

export function isInternetV4(cidr: string): boolean {
  const parsed = ipv4(cidr);
  return parsed.length < 16 && !PRIVATE_V4.some((block) => inside(parsed, block, 32n));
}

export function isInternetV6(cidr: string): boolean {
  const parsed = ipv6(cidr);
  return parsed.length < 48 && !inside(parsed, UNIQUE_LOCAL_V6, 128n);
}

export function isOpenToInternet(rule: IngressRule): boolean {
  return (rule.CidrIp !== undefined && isInternetV4(rule.CidrIp)) || (rule.CidrIpv6 !== undefined && isInternetV6(rule.CidrIpv6)) || rule.SourcePrefixListId !== undefined;
}

/** The baseline's verdict on one ingress rule. */
export function ruleAllowed(rule: IngressRule): boolean {
  if (!isOpenToInternet(rule)) return true;
  if (rule.IpProtocol === 'icmp' || rule.IpProtocol === 'icmpv6') return true;
  if (rule.IpProtocol !== 'tcp' && rule.IpProtocol !== 'udp') return false;
  const { FromPort: from, ToPort: to } = rule;
  if (from === undefined || to === undefined || from < 0 || to < 0) return false;
  return HIGH_RISK_PORTS.every((port) => to < port || from > port);
}
