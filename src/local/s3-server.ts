import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

/** What a request to the local server looked like; tests count GETs with it. */
export interface ServedRequest {
  readonly method: string;
  readonly url: string;
  readonly conditional: boolean;
}

export interface LocalS3 {
  readonly endpoint: string;
  readonly requests: ServedRequest[];
  readonly client: S3Client;
  close(): Promise<void>;
}

/** s3rver accepts only this access key (any secret). */
export const LOCAL_S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export function localS3Client(endpoint: string, region = 'us-east-1'): S3Client {
  return new S3Client({
    endpoint,
    region,
    forcePathStyle: true,
    credentials: LOCAL_S3_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * A real S3-compatible server (s3rver) on 127.0.0.1 with a fresh directory, for the demo
 * and the tests. Loaded lazily: it is a development dependency, never in the Hook bundle.
 */
export async function startLocalS3(buckets: readonly string[], port = 0): Promise<LocalS3> {
  const { default: S3rver } = await import('s3rver');
  const directory = mkdtempSync(join(tmpdir(), 'rcfge-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port, silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) });
  const address = await server.run();
  const requests: ServedRequest[] = [];
  server.httpServer?.on('request', (req) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', conditional: req.headers['if-none-match'] !== undefined });
  });
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = localS3Client(endpoint);
  return {
    endpoint,
    requests,
    client,
    async close() {
      client.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Template files of a folder: `*.json` except the TemplateParameters examples kept beside them. */
export function templateFiles(directory: string): string[] {
  return readdirSync(directory)
    .filter((f) => f.endsWith('.json') && !f.startsWith('parameters'))
    .sort();
}

/** Uploads every template file of a folder as `<prefix><file>`. Returns the keys. */
export async function uploadTemplates(client: S3Client, bucket: string, prefix: string, directory: string): Promise<string[]> {
  const keys: string[] = [];
  for (const file of templateFiles(directory)) {
    const key = `${prefix}${file}`;
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: readFileSync(join(directory, file)), ContentType: 'application/json' }));
    keys.push(key);
  }
  return keys;
}

/**
 * Stores a stack-level payload and returns a presigned GET URL for it, as CloudFormation
 * hands the Hook one. The presigner is a development dependency, loaded on use.
 */
export async function presignedPayload(client: S3Client, bucket: string, key: string, body: string, expiresIn = 900): Promise<string> {
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }));
  const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
  return getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn });
}
