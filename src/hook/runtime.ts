import type { S3Client } from '@aws-sdk/client-s3';
import { EngineCaches, Enforcer } from '../engine/enforcer';
import { LruCache } from '../engine/lru';
import { CachingTemplateProvider, TemplateCacheState } from '../store/caching-provider';
import { createS3Client, S3TemplateStore } from '../store/s3-store';
import { type S3Timeouts, timeoutsFromEnv } from '../store/s3-timeouts';
import { readTypeConfiguration, type TypeConfiguration } from './config';
import type { InvocationLog } from './logger';
import type { Credentials } from './types';

function sameCredentials(a: Credentials | undefined, b: Credentials | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.accessKeyId === b.accessKeyId && a.secretAccessKey === b.secretAccessKey && a.sessionToken === b.sessionToken;
}

/** Shallow equality of two hookModels (CloudFormation sends flat string values). */
function sameModel(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(b);
  if (keys.length !== Object.keys(a).length) return false;
  for (const key of keys) {
    const value = b[key];
    if (value !== null && typeof value === 'object') return false; // objects: let the JSON key decide
    if (a[key] !== value) return false;
  }
  return true;
}

/**
 * State a warm Lambda runtime keeps between invocations: template caches per
 * configuration, compiled validators, and S3 clients per credentials. All bounded.
 */
export class HookRuntime {
  readonly engine = new EngineCaches();
  /**
   * The environment, read once: a Lambda's does not change, and every `process.env` read
   * is a call into the runtime (about 20 of them per invocation otherwise).
   */
  readonly env: Readonly<NodeJS.ProcessEnv>;
  private readonly timeouts: S3Timeouts;
  private readonly configurations = new LruCache<string, TypeConfiguration>(32);
  private readonly templateCaches = new LruCache<string, TemplateCacheState>(16);
  private readonly clients = new LruCache<string, S3Client>(8, (_, client) => client.destroy());

  /** The template caches' clock (TTL, MaxStale): tests inject one to step past a TTL without waiting. */
  private readonly now?: () => number;

  constructor(env: NodeJS.ProcessEnv = process.env, options: { now?: () => number } = {}) {
    this.env = Object.freeze({ ...env });
    this.timeouts = timeoutsFromEnv(this.env);
    this.now = options.now;
  }

  private last?: { model: Record<string, unknown>; config: TypeConfiguration };

  /** The checked type configuration of a hookModel; CloudFormation sends the same one on every invocation. */
  configuration(hookModel: Record<string, unknown>): TypeConfiguration {
    if (this.last && sameModel(this.last.model, hookModel)) return this.last.config;
    const key = JSON.stringify(hookModel);
    let config = this.configurations.get(key);
    if (!config) {
      config = readTypeConfiguration(hookModel, this.env);
      this.configurations.set(key, config);
    }
    this.last = { model: { ...hookModel }, config };
    return config;
  }

  enforcerFor(config: TypeConfiguration, hookRegion: string, credentials: Credentials | undefined, log: InvocationLog): Enforcer {
    const region = config.templateBucketRegion ?? hookRegion;
    const timeouts = this.timeouts;
    const store = new S3TemplateStore(this.client(region, credentials), {
      bucket: config.templateBucket,
      prefix: config.templatePrefix,
      expectedOwner: config.templateBucketOwner,
      deadlineMs: timeouts.deadlineMs,
    });
    const cacheKey = `${config.templateBucket}\u0000${config.templatePrefix}\u0000${region}\u0000${config.templateBucketOwner ?? ''}`;
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
        now: this.now,
        onStale: (file, error, ageMs) =>
          log.warn(`serving the last good version of ${file}: revalidation failed (${error.reason})`, { ageSeconds: Math.round(ageMs / 1000), maxStaleSeconds: config.maxStaleSeconds }),
      },
      state,
    );
    return new Enforcer(provider, { missingTemplateAction: config.missingTemplateAction }, this.engine);
  }

  private lastClient?: { region: string; credentials?: Credentials; client: S3Client };

  private client(region: string, credentials: Credentials | undefined): S3Client {
    // A runtime sees the same credentials for many invocations in a row: no key to build or hash.
    const last = this.lastClient;
    if (last && last.region === region && sameCredentials(last.credentials, credentials)) return last.client;
    // The key holds nothing the cached client does not hold already; it never leaves memory.
    const key = `${region}\u0000${credentials?.accessKeyId ?? ''}\u0000${credentials?.secretAccessKey ?? ''}\u0000${credentials?.sessionToken ?? ''}`;
    let client = this.clients.get(key);
    if (!client) {
      client = createS3Client({ region, credentials, timeouts: this.timeouts, env: this.env });
      this.clients.set(key, client);
    }
    this.lastClient = { region, credentials, client };
    return client;
  }
}
