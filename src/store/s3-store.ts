import { createHash } from 'node:crypto';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity } from '@smithy/types';
import { TemplateStoreError } from './errors';
import { classifyS3Error, isNotModified } from './s3-errors';
import { DEFAULT_S3_TIMEOUTS, type S3Timeouts } from './s3-timeouts';
import { type FetchResult, MAX_TEMPLATE_BYTES, type TemplateStore } from './types';

export interface S3ClientSettings {
  readonly region: string;
  /** Absent: the SDK's default provider chain (Lambda Hook execution role, local profile). */
  readonly credentials?: AwsCredentialIdentity;
  readonly timeouts?: S3Timeouts;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * The endpoint itself is left to the SDK (AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL); when
 * one is set we are talking to an S3-compatible server, which needs path-style URLs.
 */
export function createS3Client(settings: S3ClientSettings): S3Client {
  const timeouts = settings.timeouts ?? DEFAULT_S3_TIMEOUTS;
  const env = settings.env ?? process.env;
  return new S3Client({
    region: settings.region,
    credentials: settings.credentials,
    forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL),
    maxAttempts: timeouts.maxAttempts,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: new NodeHttpHandler({
      connectionTimeout: timeouts.connectTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      throwOnRequestTimeout: true,
    }),
  });
}

export interface S3StoreSettings {
  readonly bucket: string;
  readonly prefix: string;
  /** Sent as ExpectedBucketOwner: a bucket re-created by someone else is refused. */
  readonly expectedOwner?: string;
  readonly deadlineMs?: number;
}

function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} took longer than ${ms} ms`), { name: 'TimeoutError' })), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export class S3TemplateStore implements TemplateStore {
  constructor(
    private readonly client: S3Client,
    private readonly settings: S3StoreSettings,
  ) {}

  locationOf(file: string): string {
    return `s3://${this.settings.bucket}/${this.settings.prefix}${file}`;
  }

  async fetch(file: string, knownEtag?: string): Promise<FetchResult> {
    const location = this.locationOf(file);
    const deadlineMs = this.settings.deadlineMs ?? DEFAULT_S3_TIMEOUTS.deadlineMs;
    const abort = new AbortController();
    try {
      return await withDeadline(this.get(file, location, knownEtag, abort.signal), deadlineMs, `reading ${location}`);
    } catch (error) {
      if (error instanceof TemplateStoreError) throw error;
      if (isNotModified(error)) return { status: 'not-modified' };
      throw classifyS3Error(error, location, this.settings.bucket);
    } finally {
      abort.abort();
    }
  }

  private async get(file: string, location: string, knownEtag: string | undefined, abortSignal: AbortSignal): Promise<FetchResult> {
    const response = await this.client.send(
      new GetObjectCommand({
        Bucket: this.settings.bucket,
        Key: `${this.settings.prefix}${file}`,
        IfNoneMatch: knownEtag,
        ExpectedBucketOwner: this.settings.expectedOwner,
      }),
      { abortSignal },
    );
    if ((response.ContentLength ?? 0) > MAX_TEMPLATE_BYTES) {
      throw new TemplateStoreError(location, `object is ${response.ContentLength} bytes; templates are limited to ${MAX_TEMPLATE_BYTES}`, 'InternalFailure');
    }
    let body: string;
    try {
      body = (await response.Body?.transformToString('utf-8')) ?? '';
    } catch (cause) {
      throw new TemplateStoreError(location, `the response body was cut short (${(cause as Error).message})`, 'NetworkFailure', { cause });
    }
    if (response.ContentLength !== undefined && Buffer.byteLength(body, 'utf8') !== response.ContentLength) {
      throw new TemplateStoreError(location, `the response body was cut short (${Buffer.byteLength(body, 'utf8')} of ${response.ContentLength} bytes)`, 'NetworkFailure');
    }
    // Caches are keyed by version: a server that sends no ETag still gets a content hash.
    const etag = response.ETag || `sha256:${createHash('sha256').update(body).digest('hex')}`;
    return { status: 'found', object: { file, location, body, etag } };
  }
}
