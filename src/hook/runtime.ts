import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { EngineCaches, Enforcer } from '../engine/enforcer';
import { LruCache } from '../engine/lru';
import { CachingTemplateProvider, TemplateCacheState } from '../store/caching-provider';
import { createS3Client, S3TemplateStore } from '../store/s3-store';
import { timeoutsFromEnv } from '../store/s3-timeouts';
import type { TypeConfiguration } from './config';
import type { InvocationLog } from './logger';
import type { Credentials } from './types';

/**
 * State a warm Lambda runtime keeps between invocations: template caches per
 * configuration, compiled validators, and S3 clients per credentials. All bounded.
 */
export class HookRuntime {
  readonly engine = new EngineCaches();
  private readonly templateCaches = new LruCache<string, TemplateCacheState>(16);
  private readonly clients = new LruCache<string, S3Client>(8, (_, client) => client.destroy());

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  enforcerFor(config: TypeConfiguration, hookRegion: string, credentials: Credentials | undefined, log: InvocationLog): Enforcer {
    const region = config.templateBucketRegion ?? hookRegion;
    const timeouts = timeoutsFromEnv(this.env);
    const store = new S3TemplateStore(this.client(region, credentials), {
      bucket: config.templateBucket,
      prefix: config.templatePrefix,
      expectedOwner: config.templateBucketOwner,
      deadlineMs: timeouts.deadlineMs,
    });
    const cacheKey = JSON.stringify([config.templateBucket, config.templatePrefix, region, config.templateBucketOwner ?? '']);
    let state = this.templateCaches.get(cacheKey);
    if (!state) {
      state = new TemplateCacheState();
      this.templateCaches.set(cacheKey, state);
    }
    const provider = new CachingTemplateProvider(
      store,
      {
        ttlMs: config.cacheTtlSeconds * 1000,
        maxStaleMs: config.maxStaleSeconds * 1000,
        onStale: (file, error, ageMs) =>
          log.warn(`serving the last good version of ${file}: revalidation failed (${error.reason})`, { ageSeconds: Math.round(ageMs / 1000), maxStaleSeconds: config.maxStaleSeconds }),
      },
      state,
    );
    return new Enforcer(provider, { missingTemplateAction: config.missingTemplateAction }, this.engine);
  }

  private client(region: string, credentials: Credentials | undefined): S3Client {
    // Keyed by a digest so the cache never holds credentials in its keys.
    const key = createHash('sha256')
      .update(JSON.stringify([region, credentials?.accessKeyId ?? '', credentials?.secretAccessKey ?? '', credentials?.sessionToken ?? '']))
      .digest('hex');
    let client = this.clients.get(key);
    if (!client) {
      client = createS3Client({ region, credentials, timeouts: timeoutsFromEnv(this.env), env: this.env });
      this.clients.set(key, client);
    }
    return client;
  }
}
