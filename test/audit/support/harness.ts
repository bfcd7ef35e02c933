import { join } from 'node:path';
import { type LocalS3, startLocalS3, uploadTemplates } from '../../../src/local/s3-server';
import { ROOT, runCli } from '../../fixtures/validate/cli';
import { BUCKET, PREFIX } from '../../support/fake-aws/organisation';
import { startFakeAws, type FakeAws } from '../../support/fake-aws/server';
import type { FakeOrganisation } from '../../support/fake-aws/state';

/**
 * `rcfge audit` end to end: the real CLI, the real SDK clients (CloudFormation, STS, S3).
 * CloudFormation and STS cannot run here: a local HTTP endpoint (test/support/fake-aws)
 * stands in for them and answers as their API references document; the templates bucket is
 * a real S3-compatible server (s3rver) holding the baseline templates. Call `useAuditHarness()`
 * at the top of a test file; each test then serves an organisation (`serve`) and runs `audit`.
 */
export interface AuditHarness {
  /** Starts the stand-in AWS for `org` and points the SDK at it, as AWS_ENDPOINT_URL_* would in production tooling. */
  serve(org: FakeOrganisation): Promise<FakeOrganisation>;
  audit(args?: string[]): ReturnType<typeof runCli>;
}

export function useAuditHarness(): AuditHarness {
  let s3: LocalS3;
  let aws: FakeAws | undefined;
  const saved = { ...process.env };

  beforeAll(async () => {
    s3 = await startLocalS3([BUCKET]);
    await uploadTemplates(s3.client, BUCKET, PREFIX, join(ROOT, 'templates'));
  });
  afterAll(async () => {
    await s3.close();
  });
  afterEach(async () => {
    await aws?.close();
    aws = undefined;
    process.env = { ...saved };
  });

  return {
    serve: async (org) => {
      aws = await startFakeAws(org);
      Object.assign(process.env, {
        AWS_ENDPOINT_URL_CLOUDFORMATION: aws.endpoint,
        AWS_ENDPOINT_URL_STS: aws.endpoint,
        AWS_ENDPOINT_URL_S3: s3.endpoint,
        AWS_ACCESS_KEY_ID: aws.accessKey,
        AWS_SECRET_ACCESS_KEY: 'S3RVER',
        AWS_REGION: 'us-east-1',
        AWS_MAX_ATTEMPTS: '2',
        AWS_CONFIG_FILE: join(ROOT, 'does-not-exist', 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(ROOT, 'does-not-exist', 'credentials'),
      });
      delete process.env.AWS_SESSION_TOKEN;
      delete process.env.AWS_PROFILE;
      return org;
    },
    audit: (args = []) => runCli(['audit', ...args], { env: { ...process.env } }),
  };
}

/** The text report's line for one account and region. */
export function lineOf(stdout: string, account: string, region: string): string {
  const line = stdout.split('\n').find((l) => l.includes(`  ${account}  ${region} `));
  if (!line) throw new Error(`no line for ${account} ${region} in:\n${stdout}`);
  return line;
}

/** The live Hook configuration document of a member (HookConfiguration), to break in a test. */
export function hookConfiguration(state: { configuration?: Record<string, unknown> }): Record<string, unknown> & { Properties: Record<string, unknown> } {
  return (state.configuration as { CloudFormationConfiguration: { HookConfiguration: Record<string, unknown> & { Properties: Record<string, unknown> } } }).CloudFormationConfiguration.HookConfiguration;
}

export type JsonAudit = {
  healthy: boolean;
  places: { account: string; region: string; status: string; checks: { id: string; status: string; message: string }[] }[];
  bucket: { status: string; message: string };
};
