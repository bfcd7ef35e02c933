/**
 * Property-based tests of the whole handler over a real local S3 server: random,
 * mutated and truncated HookInvocationRequests always get a valid hook response,
 * FAILED always explains itself, the token is echoed, and the verdict is repeatable.
 */
import fc from 'fast-check';
import type { LocalS3 } from '../../src/local/s3-server';
import { closedPort } from '../support/fault-proxy';
import { fuzzSettings, fuzzTimeout, hostileValue, mutate, mutation, share } from '../support/fuzz';
import { BUCKET, captureLog, hookEnv, hookRequest, HookRuntime, invoke, startTemplateServer, TIGHT_TIMEOUTS } from '../support/hook-fixtures';
import { type PayloadServer, startPayloadServer } from '../support/payload-server';
import { localExampleRequests } from '../support/stack-requests';
import { prototypeKeys, responseProblems, verdictOf } from '../support/invariants';

const settings = fuzzSettings('fuzz-request');
/** Two handler calls per run, mostly served from the warm cache: the full budget fits. */
const handlerRuns = share(settings, 1);

let s3: LocalS3;
let env: NodeJS.ProcessEnv;
let runtime: HookRuntime;
const protoBefore = prototypeKeys();

/** The example requests, pointed at the test bucket; stack-level ones get their payload from a local server. */
let examples: Record<string, unknown>[] = [];
let payloads: PayloadServer;

beforeAll(async () => {
  payloads = await startPayloadServer();
  examples = localExampleRequests(payloads).map(({ request }) => {
    (request.hookModel as Record<string, unknown>).TemplateBucket = BUCKET;
    return request;
  });
  s3 = await startTemplateServer();
  // A request may name a provider log group: publishing must fail fast and locally, never reach AWS.
  process.env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS = await closedPort();
  // A request without caller credentials falls back to the SDK's default chain: no instance metadata calls here.
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  env = hookEnv(s3.endpoint, TIGHT_TIMEOUTS);
  runtime = new HookRuntime(env);
});

afterAll(async () => {
  await payloads.close();
  await s3.close();
  expect(prototypeKeys()).toEqual(protoBefore);
});

/** The invariants of every response, and the same verdict when the same input comes again. */
const outcomes = new Map<string, number>();

async function assertInvariants(raw: unknown): Promise<void> {
  const first = await invoke(raw, runtime, env);
  const outcome = `${first.hookStatus} ${first.errorCode ?? ''}`.trim();
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  expect(responseProblems(first, raw)).toEqual([]);
  const again = await invoke(raw, runtime, env);
  expect(verdictOf(again)).toBe(verdictOf(first));
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('request-level properties (fast-check, handler over local S3)', () => {
  it('the example requests get their documented verdicts (control)', async () => {
    const verdicts = await Promise.all(examples.map((raw) => invoke(raw, runtime, env)));
    expect(verdicts.map((r) => r.hookStatus)).toEqual(['SUCCESS', 'FAILED', 'FAILED', 'FAILED', 'FAILED', 'FAILED', 'FAILED']);
    expect(verdicts.map((r) => r.errorCode)).toEqual([undefined, 'NonCompliant', 'NonCompliant', 'NonCompliant', 'NonCompliant', 'NonCompliant', 'NonCompliant']);
  });

  it('mutated example requests (fields deleted, replaced, added, respelled)', async () => {
    outcomes.clear();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...examples), fc.array(mutation, { minLength: 1, maxLength: 5 }), async (request, mutations) => {
        await assertInvariants(mutate(request, mutations));
      }),
      handlerRuns,
    );
    console.log(`fuzz-request: outcomes of mutated requests ${JSON.stringify(Object.fromEntries(outcomes))}`);
    // The mutations must reach the engine, not only the request parser.
    expect(outcomes.get('SUCCESS')).toBeGreaterThan(0);
    expect(outcomes.get('FAILED NonCompliant')).toBeGreaterThan(0);
  }, fuzzTimeout(handlerRuns));

  it('truncated example requests (cut JSON text: parsed if it still parses, else the raw string)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...examples), fc.double({ min: 0, max: 1, noNaN: true }), async (request, fraction) => {
        const text = JSON.stringify(request);
        const cut = text.slice(0, Math.floor(text.length * fraction));
        let raw: unknown = cut;
        try {
          raw = JSON.parse(cut);
        } catch {
          // keep the string: the handler must cope with whatever arrives
        }
        await assertInvariants(raw);
      }),
      handlerRuns,
    );
  }, fuzzTimeout(handlerRuns));

  it('fully random JSON values as the request', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (raw) => {
        await assertInvariants(raw);
      }),
      handlerRuns,
    );
  }, fuzzTimeout(handlerRuns));

  it('random objects shaped like requests (right keys, hostile values)', async () => {
    const shaped = fc.record(
      {
        clientRequestToken: hostileValue,
        awsAccountId: fc.oneof(fc.constant('111122223333'), hostileValue),
        stackId: hostileValue,
        hookTypeName: hostileValue,
        actionInvocationPoint: fc.oneof(fc.constantFrom('CREATE_PRE_PROVISION', 'UPDATE_PRE_PROVISION', 'DELETE_PRE_PROVISION'), hostileValue),
        hookModel: fc.oneof(fc.constant({ TemplateBucket: BUCKET, TemplatePrefix: 'templates/' }), hostileValue),
        requestData: fc.record(
          {
            targetName: fc.oneof(fc.constantFrom('AWS::S3::Bucket', 'AWS::SQS::Queue', 'AWS::Foo::Bar'), hostileValue),
            targetType: fc.oneof(fc.constantFrom('RESOURCE', 'STACK', 'CHANGE_SET', 'AWS::S3::Bucket'), hostileValue),
            targetLogicalId: hostileValue,
            targetModel: fc.oneof(fc.record({ resourceProperties: hostileValue }), hostileValue),
            callerCredentials: hostileValue,
            payload: hostileValue,
          },
          { requiredKeys: ['targetName'] },
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(shaped, async (raw) => {
        await assertInvariants(raw);
      }),
      handlerRuns,
    );
  }, fuzzTimeout(handlerRuns));
});

describe('request-level edge cases', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an empty string', ''],
    ['an array', [1, 2]],
    ['a number', 42],
    ['an empty object', {}],
    ['only a token', { clientRequestToken: 'only-token' }],
  ])('%s as the whole request -> FAILED InvalidRequest', async (_, raw) => {
    const response = await invoke(raw, runtime, env);
    expect(responseProblems(response, raw)).toEqual([]);
    expect(response.hookStatus).toBe('FAILED');
    expect(response.errorCode).toBe('InvalidRequest');
  });

  it('a non-string token is not echoed, and the request is refused', async () => {
    const raw = { ...hookRequest(), clientRequestToken: { evil: true } };
    const response = await invoke(raw, runtime, env);
    expect(response.hookStatus).toBe('FAILED');
    expect(response.clientRequestToken).toBeUndefined();
  });

  it('a 10 MB request (10 MB string property) -> FAILED NonCompliant with a message under 4,096 characters', async () => {
    const raw = hookRequest({ properties: { ...hookRequest().requestData.targetModel?.resourceProperties, BucketName: 'b'.repeat(10 * 1024 * 1024) } });
    const response = await invoke(JSON.parse(JSON.stringify(raw)), runtime, env);
    expect(responseProblems(response, raw)).toEqual([]);
    expect(response.hookStatus).toBe('FAILED');
    expect(response.errorCode).toBe('NonCompliant');
    expect(response.message).toMatch(/BucketName/);
  });

  it('a request nested 10,000 levels deep (parsed from JSON text) -> FAILED, never a throw', async () => {
    const depth = 10_000;
    const text = JSON.stringify(hookRequest()).replace('"BucketName":', `"Deep":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)},"BucketName":`);
    const raw = JSON.parse(text);
    const log = captureLog();
    const response = await invoke(raw, runtime, env, log);
    expect(responseProblems(response, raw)).toEqual([]);
    expect(response.hookStatus).toBe('FAILED');
  });

  it('odd Unicode in the logical ID and token is carried, not choked on', async () => {
    const token = 'tok\u0000\ud800\u202e\u200b';
    const raw = hookRequest({ token, logicalId: 'Bucket\ud800\u202e\u0000' });
    const response = await invoke(raw, runtime, env);
    expect(responseProblems(response, raw)).toEqual([]);
    expect(response.clientRequestToken).toBe(token);
  });
});

describe('a request object whose getters throw does not escape the handler', () => {
  // Impossible for a JSON-parsed Lambda event, possible for an in-process caller:
  // handleHookRequest promises never to throw, token lookup included.
  it('a throwing clientRequestToken getter -> FAILED InvalidRequest, not a rejected promise', async () => {
    const raw = Object.defineProperty({}, 'clientRequestToken', {
      enumerable: true,
      get() {
        throw new Error('hostile getter');
      },
    });
    const response = await invoke(raw, runtime, env).catch((error: Error) => ({ thrown: error.message }));
    expect(response).toMatchObject({ hookStatus: 'FAILED' });
  });
});
