import { type LocalS3, LOCAL_S3_CREDENTIALS, startLocalS3 } from '../../src/local/s3-server';

/**
 * A local S3 server with these buckets for the enclosing describe, with the process environment
 * pointing the SDK at it (the SDK takes endpoint and credentials from there, as in production;
 * the CLI runs in-process) and restored afterwards. Registers the jest hooks itself.
 */
export function useLocalS3Env(...buckets: string[]): { readonly s3: LocalS3 } {
  const started = {} as { s3: LocalS3 };
  const saved = { ...process.env };
  beforeAll(async () => {
    started.s3 = await startLocalS3(buckets);
    Object.assign(process.env, { AWS_ENDPOINT_URL_S3: started.s3.endpoint, AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey, AWS_REGION: 'us-east-1' });
  });
  afterAll(async () => {
    await started.s3?.close();
    process.env = saved;
  });
  return started;
}
