import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity } from '@smithy/types';
import { createS3Client } from '../store/s3-store';

/**
 * SDK clients with bounded waits. Endpoints, retries (AWS_MAX_ATTEMPTS) and default
 * credentials come from the SDK's own settings, as in production; a local stand-in for the
 * AWS APIs is reached through AWS_ENDPOINT_URL_CLOUDFORMATION / _STS / _S3.
 */
export interface AwsClients {
  cloudFormation(region: string, credentials?: AwsCredentialIdentity): CloudFormationClient;
  sts(region: string): STSClient;
  s3(region: string, credentials?: AwsCredentialIdentity): S3Client;
  /** Closes every client made (their sockets would keep a CLI process alive). */
  destroy(): void;
}

const handler = () => new NodeHttpHandler({ connectionTimeout: 3000, requestTimeout: 15000, throwOnRequestTimeout: true });

export function sdkClients(env: NodeJS.ProcessEnv = process.env): AwsClients {
  const made: { destroy(): void }[] = [];
  const keep = <T extends { destroy(): void }>(client: T): T => {
    made.push(client);
    return client;
  };
  return {
    cloudFormation: (region, credentials) => keep(new CloudFormationClient({ region, credentials, requestHandler: handler() })),
    sts: (region) => keep(new STSClient({ region, requestHandler: handler() })),
    s3: (region, credentials) =>
      keep(createS3Client({ region, credentials, env, timeouts: { connectTimeoutMs: 3000, requestTimeoutMs: 15000, maxAttempts: 3, deadlineMs: 60000 } })),
    destroy: () => {
      for (const client of made.splice(0)) client.destroy();
    },
  };
}
