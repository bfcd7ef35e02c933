/**
 * Template cache under faults: TTL, revalidation, bounded staleness, deletion and change,
 * single flight. Unit level with an injected clock (real S3 store behind the fault proxy),
 * then end to end through the handler, whose runtime takes the same clock: real waits of a
 * second made these tests depend on how fast a loaded runner got from one call to the next.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { LOCAL_S3_CREDENTIALS } from '../../src/local/s3-server';
import { CachingTemplateProvider } from '../../src/store/caching-provider';
import { TemplateNotFoundError, TemplateStoreError } from '../../src/store/errors';
import { createS3Client, S3TemplateStore } from '../../src/store/s3-store';
import { Clock } from '../support/clock';
import { useProxiedTemplateServer } from '../support/fault-proxy';
import { BUCKET, captureLog, hookEnv, hookRequest, HookRuntime, invoke, startTemplateServer, TEMPLATES_DIR, TIGHT_TIMEOUTS } from '../support/hook-fixtures';

const FILE = 'aws-s3-bucket.json';
const BUCKET_TEMPLATE = readFileSync(join(TEMPLATES_DIR, FILE), 'utf8');

const servers = useProxiedTemplateServer(() => startTemplateServer());

async function put(prefix: string, file: string, body: string): Promise<void> {
  await servers.s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}${file}`, Body: body, ContentType: 'application/json' }));
}

async function remove(prefix: string, file: string): Promise<void> {
  await servers.s3.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `${prefix}${file}` }));
}

/** A template that approves nothing but Tags: a change anyone can see in the verdict. */
function stricterBucketTemplate(): string {
  const schema = JSON.parse(BUCKET_TEMPLATE);
  delete schema.properties.BucketName;
  return JSON.stringify(schema);
}

interface StaleEvent {
  file: string;
  reason: string;
  ageMs: number;
}

let prefixCounter = 0;

/** A provider over a fresh prefix (its own S3 objects and its own cache), with an injected clock. */
async function providerFixture(options: { ttlMs?: number; maxStaleMs?: number } = {}) {
  const prefix = `unit-${++prefixCounter}/`;
  await put(prefix, FILE, BUCKET_TEMPLATE);
  hookEnv(servers.proxy.endpoint);
  const client = createS3Client({
    region: 'eu-west-1',
    credentials: LOCAL_S3_CREDENTIALS,
    timeouts: { connectTimeoutMs: 300, requestTimeoutMs: 500, maxAttempts: 1, deadlineMs: 2000 },
  });
  const store = new S3TemplateStore(client, { bucket: BUCKET, prefix });
  const clock = new Clock();
  const stale: StaleEvent[] = [];
  const provider = new CachingTemplateProvider(store, {
    ttlMs: options.ttlMs ?? 60_000,
    maxStaleMs: options.maxStaleMs ?? 300_000,
    now: clock.now,
    onStale: (file, error, ageMs) => stale.push({ file, reason: error.reason, ageMs }),
  });
  const gets = () => servers.proxy.requests.filter((r) => r.method === 'GET' && r.url.includes(`/${prefix}`));
  return { prefix, client, provider, clock, stale, gets };
}

describe('CachingTemplateProvider with an injected clock', () => {
  it('serves from memory within the TTL: no second request', async () => {
    const { provider, clock, gets, client } = await providerFixture({ ttlMs: 60_000 });
    const first = await provider.get(FILE);
    clock.advance(59_999);
    const second = await provider.get(FILE);
    expect(second).toBe(first);
    expect(gets()).toHaveLength(1);
    client.destroy();
  });

  it('revalidates after the TTL with the ETag (conditional GET, 304, same object)', async () => {
    const { provider, clock, gets, client } = await providerFixture({ ttlMs: 60_000 });
    const first = await provider.get(FILE);
    clock.advance(60_000);
    const second = await provider.get(FILE);
    expect(second).toBe(first);
    expect(gets().map((r) => r.conditional)).toEqual([false, true]);
    client.destroy();
  });

  it('after the TTL, a failed revalidation serves the last good template within MaxStaleSeconds, and says so', async () => {
    const { provider, clock, stale, client } = await providerFixture({ ttlMs: 60_000, maxStaleMs: 300_000 });
    const good = await provider.get(FILE);
    servers.proxy.setFault({ kind: 'status', status: 500, code: 'InternalError' });
    clock.advance(60_000 + 299_000);
    const served = await provider.get(FILE);
    expect(served).toBe(good);
    expect(stale).toEqual([{ file: FILE, reason: expect.stringMatching(/HTTP 500/), ageMs: 359_000 }]);
    client.destroy();
  });

  it('after TTL + MaxStaleSeconds without a successful revalidation: the store error, not the stale template', async () => {
    const { provider, clock, client } = await providerFixture({ ttlMs: 60_000, maxStaleMs: 300_000 });
    await provider.get(FILE);
    servers.proxy.setFault({ kind: 'status', status: 500, code: 'InternalError' });
    clock.advance(60_000 + 300_000);
    await expect(provider.get(FILE)).rejects.toBeInstanceOf(TemplateStoreError);
    client.destroy();
  });

  it('MaxStaleSeconds 0 never serves stale: the first failed revalidation fails', async () => {
    const { provider, clock, stale, client } = await providerFixture({ ttlMs: 60_000, maxStaleMs: 0 });
    await provider.get(FILE);
    servers.proxy.setFault({ kind: 'refuse' });
    clock.advance(60_000);
    await expect(provider.get(FILE)).rejects.toBeInstanceOf(TemplateStoreError);
    expect(stale).toEqual([]);
    client.destroy();
  });

  it('a successful revalidation restarts the staleness window', async () => {
    const { provider, clock, client } = await providerFixture({ ttlMs: 60_000, maxStaleMs: 100_000 });
    await provider.get(FILE);
    clock.advance(150_000);
    await provider.get(FILE); // 304: checked again now
    servers.proxy.setFault({ kind: 'status', status: 503, code: 'SlowDown' });
    clock.advance(150_000);
    await expect(provider.get(FILE)).resolves.toBeDefined(); // 150 s since the last check < 160 s
    client.destroy();
  });

  it('a template deleted from S3 stops applying after the TTL, even with a large MaxStaleSeconds', async () => {
    const { provider, clock, prefix, client } = await providerFixture({ ttlMs: 60_000, maxStaleMs: 3_600_000 });
    await provider.get(FILE);
    await remove(prefix, FILE);
    clock.advance(59_000);
    await expect(provider.get(FILE)).resolves.toBeDefined(); // within the TTL: still the cached one
    clock.advance(1_000);
    await expect(provider.get(FILE)).rejects.toBeInstanceOf(TemplateNotFoundError);
    client.destroy();
  });

  it('a changed template applies after the TTL', async () => {
    const { provider, clock, prefix, client } = await providerFixture({ ttlMs: 60_000 });
    const before = await provider.get(FILE);
    await put(prefix, FILE, stricterBucketTemplate());
    clock.advance(60_000);
    const after = await provider.get(FILE);
    expect(after.etag).not.toBe(before.etag);
    expect(JSON.parse(after.body).properties.BucketName).toBeUndefined();
    client.destroy();
  });

  it('single flight: 25 concurrent requests for one template share one S3 request', async () => {
    const { provider, gets, client } = await providerFixture();
    servers.proxy.setFault({ kind: 'delay', ms: 150 });
    const objects = await Promise.all(Array.from({ length: 25 }, () => provider.get(FILE)));
    expect(new Set(objects).size).toBe(1);
    expect(gets()).toHaveLength(1);
    client.destroy();
  });

  it('single flight on failure: 25 concurrent requests during an outage cost one S3 request and all fail', async () => {
    const { provider, gets, client } = await providerFixture();
    servers.proxy.setFault({ kind: 'status', status: 500, code: 'InternalError' });
    const results = await Promise.allSettled(Array.from({ length: 25 }, () => provider.get(FILE)));
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof TemplateStoreError)).toBe(true);
    expect(gets()).toHaveLength(1);
    client.destroy();
  });
});

describe('end to end through the handler (CacheTtlSeconds 1, the runtime on a test clock)', () => {
  function setup(prefix: string, hookModel: Record<string, unknown>) {
    const env = hookEnv(servers.proxy.endpoint, TIGHT_TIMEOUTS);
    const clock = new Clock();
    const runtime = new HookRuntime(env, { now: clock.now });
    const raw = hookRequest({ hookModel: { TemplatePrefix: prefix, CacheTtlSeconds: '1', ...hookModel } });
    const log = captureLog();
    return { call: () => invoke(raw, runtime, env, log), log, clock };
  }

  it('S3 outage: stale template for at most MaxStaleSeconds (with a log line), then FAILED', async () => {
    // Prepare
    await put('e2e-stale/', FILE, BUCKET_TEMPLATE);
    const { call, log, clock } = setup('e2e-stale/', { MaxStaleSeconds: '1' });
    expect((await call()).hookStatus).toBe('SUCCESS');
    servers.proxy.setFault({ kind: 'status', status: 500, code: 'InternalError' });
    // Act 1: past the TTL, within TTL + MaxStale
    clock.advance(1100);
    const stale = await call();
    // Assess 1
    expect(stale.hookStatus).toBe('SUCCESS');
    expect(log.lines.some((l) => /serving the last good version of aws-s3-bucket\.json: revalidation failed/.test(l))).toBe(true);
    // Act 2: past TTL + MaxStale
    clock.advance(1000);
    const expired = await call();
    // Assess 2
    expect(expired.hookStatus).toBe('FAILED');
    expect(expired.errorCode).toBe('ServiceInternalError');
  });

  it('template deleted from S3 -> FAILED (type not approved) after the TTL', async () => {
    await put('e2e-deleted/', FILE, BUCKET_TEMPLATE);
    const { call, clock } = setup('e2e-deleted/', { MaxStaleSeconds: '300' });
    expect((await call()).hookStatus).toBe('SUCCESS');
    await remove('e2e-deleted/', FILE);
    // Within the TTL the cached template still decides (control for the step below).
    clock.advance(900);
    expect((await call()).hookStatus).toBe('SUCCESS');
    clock.advance(200);
    const response = await call();
    expect(response.hookStatus).toBe('FAILED');
    expect(response.errorCode).toBe('NonCompliant');
    expect(response.message).toMatch(/not approved/);
  });

  it('template changed in S3 -> the new template decides after the TTL', async () => {
    await put('e2e-changed/', FILE, BUCKET_TEMPLATE);
    const { call, clock } = setup('e2e-changed/', {});
    expect((await call()).hookStatus).toBe('SUCCESS');
    await put('e2e-changed/', FILE, stricterBucketTemplate());
    clock.advance(1100);
    const response = await call();
    expect(response.hookStatus).toBe('FAILED');
    expect(response.message).toMatch(/BucketName/);
  });

  it('concurrent invocations on a cold runtime share one GET per template', async () => {
    await put('e2e-flight/', FILE, BUCKET_TEMPLATE);
    const { call } = setup('e2e-flight/', {});
    servers.proxy.setFault({ kind: 'delay', ms: 150 });
    const before = servers.proxy.requests.slice();
    const responses = await Promise.all(Array.from({ length: 20 }, () => call()));
    expect(responses.every((r) => r.hookStatus === 'SUCCESS')).toBe(true);
    const gets = servers.proxy.requests.slice(before.length).filter((r) => r.method === 'GET' && r.url.includes(`/e2e-flight/${FILE}`));
    expect(gets).toHaveLength(1);
  });
});
