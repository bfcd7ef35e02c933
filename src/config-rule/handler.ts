import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { ConfigServiceClient, PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import type { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { checkBucket } from '../audit/bucket';
import { ExpectationError, expectationFrom } from '../audit/expectation';
import { checkMember } from '../audit/member-checks';
import { partitionOf } from '../audit/names';
import { type Check, type Place, statusOf, unknown } from '../audit/types';
import { createS3Client } from '../store/s3-store';
import { annotationOf } from './annotation';
import { parseConfigEvent } from './event';

/**
 * AWS Config custom rule (Lambda): the drift canary's checks for the function's own account
 * and region, run on a schedule and on configuration changes, reported on the account
 * (AWS::::Account) as COMPLIANT or NON_COMPLIANT with an annotation that says what drifted.
 * "Cannot check" is NON_COMPLIANT too: Config accepts no INSUFFICIENT_DATA from a rule, and
 * a canary that cannot see must not say healthy.
 */
export interface ConfigRuleOutcome {
  readonly complianceType: 'COMPLIANT' | 'NON_COMPLIANT';
  readonly annotation: string;
  readonly checks: readonly Check[];
}

const handlerWithTimeouts = () => new NodeHttpHandler({ connectionTimeout: 3000, requestTimeout: 10000, throwOnRequestTimeout: true });

// Clients live as long as the warm container (credentials come from the function's role).
const cloudFormation = new Map<string, CloudFormationClient>();
const configService = new Map<string, ConfigServiceClient>();
const s3 = new Map<string, S3Client>();

function once<T>(cache: Map<string, T>, region: string, make: () => T): T {
  if (!cache.has(region)) cache.set(region, make());
  return cache.get(region)!;
}

const S3_TIMEOUTS = { connectTimeoutMs: 3000, requestTimeoutMs: 10000, maxAttempts: 3, deadlineMs: 30000 };

/** What stays for PutEvaluations after the checks: the function's timeout must never leave Config without an answer. */
const REPORT_RESERVE_MS = 10_000;
const DEFAULT_BUDGET_MS = 45_000;

interface LambdaContext {
  getRemainingTimeInMillis?: () => number;
}

/** The checks, or "cannot check" when they outlast the budget (a hung endpoint, endless retries). */
async function checksWithin(work: Promise<Check[]>, ms: number): Promise<Check[]> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Check[]>((resolve) => {
    timer = setTimeout(() => resolve([unknown('hook', `no answer from the AWS APIs within ${Math.round(ms / 1000)} s; the checks were abandoned`)]), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export async function handler(raw: unknown, context?: LambdaContext): Promise<ConfigRuleOutcome> {
  const event = parseConfigEvent(raw);
  const remaining = context?.getRemainingTimeInMillis?.();
  const budget = typeof remaining === 'number' ? Math.max(1000, remaining - REPORT_RESERVE_MS) : DEFAULT_BUDGET_MS;
  const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? event.configRuleArn?.split(':')[3] ?? '';
  const partition = event.configRuleArn?.split(':')[1] ?? partitionOf(region);
  const place: Place = { account: event.accountId, region, partition };
  const cfn = once(cloudFormation, region, () => new CloudFormationClient({ region, requestHandler: handlerWithTimeouts() }));
  const config = once(configService, region, () => new ConfigServiceClient({ region, requestHandler: handlerWithTimeouts() }));
  let checks: Check[];
  try {
    const expected = expectationFrom(event.ruleParameters, {});
    const bucket = once(s3, expected.templateBucketRegion, () => createS3Client({ region: expected.templateBucketRegion, timeouts: S3_TIMEOUTS }));
    checks = await checksWithin((async () => [...(await checkMember(cfn, place, expected)), await checkBucket(bucket, expected)])(), budget);
  } catch (error) {
    if (!(error instanceof ExpectationError)) throw error;
    checks = [unknown('configuration', `the rule's input parameters are incomplete: ${error.message}`)];
  }
  const status = statusOf(checks);
  const outcome: ConfigRuleOutcome = { complianceType: status === 'OK' ? 'COMPLIANT' : 'NON_COMPLIANT', annotation: annotationOf(status, checks), checks };
  console.log(JSON.stringify({ level: status === 'OK' ? 'INFO' : 'WARN', message: `RCFGE Hook ${status} in ${place.account} ${place.region} (${event.messageType})`, status, checks }));
  await config.send(
    new PutEvaluationsCommand({
      ResultToken: event.resultToken,
      Evaluations: [
        {
          ComplianceResourceType: 'AWS::::Account',
          ComplianceResourceId: place.account,
          ComplianceType: outcome.complianceType,
          Annotation: outcome.annotation,
          OrderingTimestamp: event.orderingTimestamp,
        },
      ],
    }),
  );
  return outcome;
}
