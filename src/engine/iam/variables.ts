/**
 * Policy variables IAM resolves, as AWS documents them. IAM replaces `${...}` only when the
 * name is written as documented: `${aws:UserName}` stays literal text and never matches.
 * Where the documentation itself uses two spellings, both are accepted (a false refusal
 * blocks deployments; a missed one only misses a hint).
 */
const DOCUMENTED: readonly string[] = [
  'aws:CalledViaFirst',
  'aws:CalledViaLast',
  'aws:CurrentTime',
  'aws:EpochTime',
  'aws:FederatedProvider',
  'aws:MultiFactorAuthAge',
  'aws:MultiFactorAuthPresent',
  'aws:PrincipalAccount',
  'aws:PrincipalArn',
  'aws:PrincipalIsAWSService',
  'aws:PrincipalOrgID',
  'aws:PrincipalServiceName',
  'aws:PrincipalType',
  'aws:principaltype',
  'aws:Referer',
  'aws:referer',
  'aws:RequestedRegion',
  'aws:ResourceAccount',
  'aws:ResourceOrgID',
  'aws:SecureTransport',
  'aws:SourceAccount',
  'aws:SourceArn',
  'aws:SourceIdentity',
  'aws:SourceIp',
  'aws:SourceOrgID',
  'aws:SourceVpc',
  'aws:SourceVpce',
  'aws:TokenIssueTime',
  'aws:UserAgent',
  'aws:userid',
  'aws:username',
  'aws:ViaAWSService',
  'aws:VpcSourceIp',
  'ec2:SourceInstanceARN',
  'ec2:SourceInstanceArn',
];

/** Variables with a key after the slash (`${aws:PrincipalTag/team}`): only the part up to the slash is fixed. */
const DOCUMENTED_PREFIXES: readonly string[] = ['aws:PrincipalTag/', 'aws:ResourceTag/', 'aws:RequestTag/'];

const byLower = new Map<string, string[]>();
for (const name of [...DOCUMENTED, ...DOCUMENTED_PREFIXES]) {
  const spellings = byLower.get(name.toLowerCase()) ?? [];
  spellings.push(name);
  byLower.set(name.toLowerCase(), spellings);
}

/** The documented spelling when `name` is a known variable written in another case; undefined otherwise. */
export function misspeltVariable(name: string): string | undefined {
  const slash = name.indexOf('/');
  const fixed = slash < 0 ? name : name.slice(0, slash + 1);
  const spellings = byLower.get(fixed.toLowerCase());
  if (!spellings || spellings.includes(fixed)) return undefined;
  return spellings[0] + (slash < 0 ? '' : name.slice(slash + 1));
}

/** The variable names in a string: `${name}` or `${name, 'default'}`; `${*}`, `${?}`, `${$}` are escapes. */
export function variablesIn(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
    const name = m[1].split(',')[0].trim();
    if (name.length > 1) names.push(name);
  }
  return names;
}
