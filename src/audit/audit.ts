import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { CallAs, StackInstanceSummary } from '@aws-sdk/client-cloudformation';
import type { AwsCredentialIdentity } from '@smithy/types';
import { mapLimit } from '../stack/limit';
import { checkBucket } from './bucket';
import type { AwsClients } from './clients';
import { reasonOf } from './errors';
import { expectationFrom, type Settings } from './expectation';
import { checkMember } from './member-checks';
import { partitionOf } from './names';
import { checkInstance, readStackSet } from './stack-set';
import { type Check, type Expectation, type Place, type PlaceReport, statusOf, unknown } from './types';

export interface AuditOptions {
  readonly stackSetName: string;
  readonly callAs: CallAs;
  /** Region of the StackSet (and of STS for the role assumptions). */
  readonly region: string;
  /** Role assumed in each account; `{region}` is replaced by the place's region. Empty: the caller's own credentials. */
  readonly roleName: string;
  readonly accounts?: readonly string[];
  readonly regions?: readonly string[];
  readonly concurrency: number;
  /** Expected settings given by the operator; they win over the StackSet's. */
  readonly overrides: Settings;
  readonly clients: AwsClients;
}

export interface AuditResult {
  readonly stackSet: string;
  readonly expected: Expectation;
  readonly bucket: Check;
  readonly places: readonly PlaceReport[];
}

/** The audit cannot start (no StackSet to read, bad expectation): a usage-level failure. */
export class AuditSetupError extends Error {
  override readonly name = 'AuditSetupError';
}

function placesOf(options: AuditOptions, instances: readonly StackInstanceSummary[]): Place[] {
  const seen = new Map<string, Place>();
  const add = (account: string, region: string): void => {
    seen.set(`${account}/${region}`, { account, region, partition: partitionOf(region) });
  };
  if (options.accounts?.length && options.regions?.length) {
    for (const account of options.accounts) for (const region of options.regions) add(account, region);
  } else {
    for (const i of instances) {
      if (!i.Account || !i.Region) continue;
      if (options.accounts?.length && !options.accounts.includes(i.Account)) continue;
      if (options.regions?.length && !options.regions.includes(i.Region)) continue;
      add(i.Account, i.Region);
    }
  }
  return [...seen.values()].sort((a, b) => a.account.localeCompare(b.account) || a.region.localeCompare(b.region));
}

/**
 * The drift canary for a StackSet rollout: reads the StackSet (its parameters are the
 * expectation, the operator's settings win), then checks every account and region, at most
 * `concurrency` at a time, and the templates bucket once.
 */
export async function runAudit(options: AuditOptions): Promise<AuditResult> {
  const { clients } = options;
  const admin = clients.cloudFormation(options.region);
  let stackSet;
  try {
    stackSet = await readStackSet(admin, options.stackSetName, options.callAs);
  } catch (error) {
    throw new AuditSetupError(`cannot read StackSet ${options.stackSetName} in ${options.region} (CallAs ${options.callAs}): ${reasonOf(error)}`);
  }
  let expected: Expectation;
  try {
    expected = expectationFrom(stackSet.parameters, options.overrides);
  } catch (error) {
    throw new AuditSetupError((error as Error).message);
  }
  const sts = clients.sts(options.region);
  // One assumption per role ARN, shared by every region of an account that uses it.
  const sessions = new Map<string, Promise<AwsCredentialIdentity>>();
  const credentialsFor = (place: Place): Promise<AwsCredentialIdentity> | undefined => {
    if (options.roleName === '') return undefined;
    const arn = `arn:${place.partition}:iam::${place.account}:role/${options.roleName.replaceAll('{region}', place.region)}`;
    if (!sessions.has(arn)) {
      sessions.set(arn, (async () => {
        try {
          const answer = await sts.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'rcfge-audit', DurationSeconds: 900 }));
          const c = answer.Credentials;
          if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole returned no credentials');
          return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
        } catch (error) {
          throw new Error(`cannot assume ${arn}: ${reasonOf(error)}`, { cause: error });
        }
      })());
    }
    return sessions.get(arn);
  };

  const instanceOf = (place: Place) => stackSet.instances.find((i) => i.Account === place.account && i.Region === place.region);
  const places = await mapLimit(placesOf(options, stackSet.instances), options.concurrency, async (place): Promise<PlaceReport> => {
    const checks: Check[] = [checkInstance(stackSet.name, instanceOf(place))];
    let credentials: AwsCredentialIdentity | undefined;
    try {
      credentials = await credentialsFor(place);
    } catch (error) {
      checks.push(unknown('access', (error as Error).message));
      return { ...place, status: statusOf(checks), checks };
    }
    checks.push(...(await checkMember(clients.cloudFormation(place.region, credentials), place, expected)));
    return { ...place, status: statusOf(checks), checks };
  });
  const bucket = await checkBucket(clients.s3(expected.templateBucketRegion), expected);
  return { stackSet: stackSet.name, expected, bucket, places };
}
