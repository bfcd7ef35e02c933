/**
 * Hostile or broken templates: catastrophic regexes, placeholder values that try to widen
 * a pattern, $ref cycles and remote $refs, oversize templates, a typeName for another type.
 * Each must end in a clear FAILED (or the right verdict), never a hang, a fetch or a crash.
 */
import dns from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SchemaCompiler } from '../../src/engine/compiler';
import type { LocalS3 } from '../../src/local/s3-server';
import { MAX_TEMPLATE_BYTES } from '../../src/store/types';
import { BUCKET, hookEnv, hookRequest, HookRuntime, invoke, startTemplateServer, TIGHT_TIMEOUTS } from '../support/hook-fixtures';
import { responseProblems } from '../support/invariants';

const PREFIX = 'attacks/';
const PARAMS = { Wide: '.*', Anchor: '^|', List: ['.*', 'x'], Nested: '$<accountID>' };

let s3: LocalS3;
let env: NodeJS.ProcessEnv;
let canary: Server;
let canaryHits = 0;
let canaryUrl: string;

function schema(typeName: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ typeName, type: 'object', additionalProperties: false, properties, ...extra });
}

async function put(file: string, body: string): Promise<void> {
  await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${file}`, Body: body, ContentType: 'application/json' }));
}

/** One invocation on a cold runtime (no cache carries over between attacks). */
async function attack(typeName: string, properties: Record<string, unknown>) {
  const raw = hookRequest({ typeName, properties, hookModel: { TemplatePrefix: PREFIX, TemplateParameters: JSON.stringify(PARAMS) } });
  const started = Date.now();
  const response = await invoke(raw, new HookRuntime(env), env);
  expect(responseProblems(response, raw)).toEqual([]);
  return { response, elapsed: Date.now() - started };
}

beforeAll(async () => {
  s3 = await startTemplateServer();
  env = hookEnv(s3.endpoint, TIGHT_TIMEOUTS);
  canary = createServer((_, res) => {
    canaryHits++;
    res.end('{"type": "object"}');
  });
  await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
  canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}/schema.json`;

  await put('rcfge-test-redos.json', schema('RCFGE::Test::Redos', { Name: { type: 'string', pattern: '^(a+)+$' } }));
  await put('rcfge-test-lookaround.json', schema('RCFGE::Test::Lookaround', { Name: { type: 'string', pattern: '^(?=a)(a+)+$' } }));
  await put('rcfge-test-backref.json', schema('RCFGE::Test::Backref', { Name: { type: 'string', pattern: '^(a+)+\\1$' } }));
  await put(
    'rcfge-test-placeholder.json',
    schema('RCFGE::Test::Placeholder', {
      Exact: { type: 'string', pattern: '^$<param:Wide>$' },
      Anchored: { type: 'string', pattern: '^(?:$<param:Anchor>)$' },
      Listed: { type: 'string', pattern: '^$<param:List>$' },
      Chosen: { type: 'string', enum: ['$<param:List>'] },
      Literal: { type: 'string', const: '$<param:Nested>' },
      Map: { type: 'object', additionalProperties: false, patternProperties: { '^$<param:Wide>$': { type: 'string' } } },
    }),
  );
  await put(
    'rcfge-test-cycle.json',
    schema('RCFGE::Test::Cycle', { X: { $ref: '#/definitions/a' } }, { definitions: { a: { $ref: '#/definitions/b' }, b: { anyOf: [{ $ref: '#/definitions/a' }] } } }),
  );
  await put('rcfge-test-selfref.json', schema('RCFGE::Test::Selfref', { X: { $ref: '#/properties/X' } }));
  await put('rcfge-test-remote.json', schema('RCFGE::Test::Remote', { X: { $ref: canaryUrl } }));
  await put('rcfge-test-remotedns.json', schema('RCFGE::Test::Remotedns', { X: { $ref: 'https://rcfge-canary.invalid/schema.json#/definitions/X' } }));
  await put('rcfge-test-oversize.json', schema('RCFGE::Test::Oversize', { X: { type: 'string' } }, { description: 'x'.repeat(MAX_TEMPLATE_BYTES) }));
  await put('rcfge-test-atlimit.json', schema('RCFGE::Test::Atlimit', { X: { type: 'string' } }, { description: 'x'.repeat(MAX_TEMPLATE_BYTES - 200) }));
  await put('rcfge-test-mistyped.json', schema('AWS::S3::Bucket', { X: { type: 'string' } }));
  await put('rcfge-test-misspelt.json', schema('RCFGE::Test::Misspelt', { X: { type: 'object', additionalProperty: false } }));
  await put('rcfge-test-unknownplaceholder.json', schema('RCFGE::Test::Unknownplaceholder', { X: { const: '$<accountId>' } }));
  await put('rcfge-test-notobject.json', '["typeName"]');
});

afterAll(async () => {
  await new Promise<void>((resolve) => canary.close(() => resolve()));
  await s3.close();
});

describe('catastrophic backtracking', () => {
  it('"^(a+)+$" against "a" x 100,000 + "!" -> FAILED NonCompliant (pattern) quickly: the pattern runs on RE2JS', async () => {
    const { response, elapsed } = await attack('RCFGE::Test::Redos', { Name: `${'a'.repeat(100_000)}!` });
    expect(response.hookStatus).toBe('FAILED');
    expect(response.errorCode).toBe('NonCompliant');
    expect(response.message).toMatch(/does not match the approved pattern/);
    // Backtracking never ends on 100,000 characters: the bound tells "ends" from "never" with room
    // for a cold runtime on a loaded runner (0.4-0.8 s measured at load 14 on 2 cores).
    expect(elapsed).toBeLessThan(10_000);
  });

  it('the same template still accepts a matching value (control)', async () => {
    const { response } = await attack('RCFGE::Test::Redos', { Name: 'a'.repeat(1000) });
    expect(response.hookStatus).toBe('SUCCESS');
  });

  it.each([
    ['lookaround', 'RCFGE::Test::Lookaround'],
    ['a backreference', 'RCFGE::Test::Backref'],
  ])('nested quantifiers with %s (beyond RE2) -> the template is refused at compile time', async (_, typeName) => {
    const { response } = await attack(typeName, { Name: 'aaa' });
    expect(response.hookStatus).toBe('FAILED');
    expect(response.errorCode).toBe('InternalFailure');
    expect(response.message).toMatch(/is invalid: .*may backtrack catastrophically/);
  });
});

describe('placeholder values cannot widen a pattern', () => {
  it.each([
    ['Exact', '.*', 'anything'],
    ['Anchored', '^|', 'anything'],
    ['Listed', '.*', 'zzz'],
    ['Listed', 'x', 'xx'],
    ['Chosen', '.*', 'anything'],
    ['Literal', '$<accountID>', '111122223333'],
  ])('%s: the literal value %j passes, %j fails', async (property, literal, other) => {
    const pass = await attack('RCFGE::Test::Placeholder', { [property]: literal });
    const fail = await attack('RCFGE::Test::Placeholder', { [property]: other });
    expect([pass.response.hookStatus, fail.response.hookStatus]).toEqual(['SUCCESS', 'FAILED']);
    expect(fail.response.errorCode).toBe('NonCompliant');
  });

  it('patternProperties key "^$<param:Wide>$" matches the key ".*" only', async () => {
    const pass = await attack('RCFGE::Test::Placeholder', { Map: { '.*': 'v' } });
    const fail = await attack('RCFGE::Test::Placeholder', { Map: { anything: 'v' } });
    expect([pass.response.hookStatus, fail.response.hookStatus]).toEqual(['SUCCESS', 'FAILED']);
  });
});

describe('references', () => {
  it.each([
    ['a cycle through definitions (a -> b -> anyOf a)', 'RCFGE::Test::Cycle'],
    ['a property that refers to itself', 'RCFGE::Test::Selfref'],
  ])('%s -> FAILED template error, no stack overflow', async (_, typeName) => {
    const { response } = await attack(typeName, { X: 'v' });
    expect(response.hookStatus).toBe('FAILED');
    expect(response.errorCode).toBe('InternalFailure');
    expect(response.message).toMatch(/\$ref cycle without progress/);
  });

  it('a $ref to a URL on a live local server -> FAILED template error, and the server is never asked', async () => {
    const before = s3.requests.length;
    const { response } = await attack('RCFGE::Test::Remote', { X: 'v' });
    expect(response.hookStatus).toBe('FAILED');
    expect(response.message).toMatch(/remote references are never fetched/);
    expect(canaryHits).toBe(0);
    // Exactly one request, the template itself, reached S3.
    expect(s3.requests.slice(before).map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([`GET /${BUCKET}/${PREFIX}rcfge-test-remote.json`]);
  });

  it('a $ref to an https URL -> FAILED, with no DNS lookup of its host', async () => {
    const lookup = jest.spyOn(dns, 'lookup');
    const promisesLookup = jest.spyOn(dns.promises, 'lookup');
    try {
      const { response } = await attack('RCFGE::Test::Remotedns', { X: 'v' });
      expect(response.hookStatus).toBe('FAILED');
      expect(response.message).toMatch(/remote references are never fetched/);
      const hosts = [...lookup.mock.calls, ...promisesLookup.mock.calls].map((call) => call[0]);
      expect(hosts).not.toContain('rcfge-canary.invalid');
    } finally {
      lookup.mockRestore();
      promisesLookup.mockRestore();
    }
  });
});

describe('malformed templates fail closed with a template error', () => {
  it(`a template over MAX_TEMPLATE_BYTES (${MAX_TEMPLATE_BYTES}) -> FAILED naming the limit`, async () => {
    const { response } = await attack('RCFGE::Test::Oversize', { X: 'v' });
    expect(response.hookStatus).toBe('FAILED');
    expect(response.errorCode).toBe('InternalFailure');
    expect(response.message).toMatch(new RegExp(`limit(ed)? (is |to )?${MAX_TEMPLATE_BYTES}`));
  });

  it('a template just under the cap is used (control)', async () => {
    const { response } = await attack('RCFGE::Test::Atlimit', { X: 'v' });
    expect(response.hookStatus).toBe('SUCCESS');
  });

  it.each([
    ['its typeName names another type', 'RCFGE::Test::Mistyped', /typeName is "AWS::S3::Bucket" but it is used for RCFGE::Test::Mistyped/],
    ['a misspelt keyword (additionalProperty)', 'RCFGE::Test::Misspelt', /unknown keyword/],
    ['an unknown placeholder ($<accountId>)', 'RCFGE::Test::Unknownplaceholder', /unknown placeholder \$<accountId>/],
    ['it is a JSON array, not a schema', 'RCFGE::Test::Notobject', /must be a JSON object/],
  ])('%s -> FAILED template error', async (_, typeName, reason) => {
    const { response } = await attack(typeName, { X: 'v' });
    expect(response.hookStatus).toBe('FAILED');
    expect(response.errorCode).toBe('InternalFailure');
    expect(response.message).toMatch(/template s3:\/\/rcfge-security\/attacks\/.* is invalid/);
    expect(response.message).toMatch(reason);
  });
});

describe('uniqueItems sees duplicates that carry a "constructor" key', () => {
  // ajv's own uniqueItems (fast-deep-equal) compares a.constructor with b.constructor, so an own
  // "constructor" key hid equal items; the engine's keyword compares canonical JSON.
  const compile = () => new SchemaCompiler().compile({ type: 'array', uniqueItems: true, items: { type: 'object' } }, 'inline');

  it('control: plain duplicates are refused', () => {
    expect(compile()(JSON.parse('[{"a": 1}, {"a": 1}]'))).toBe(false);
  });

  it('duplicates with an own "constructor" key are refused too', () => {
    expect(compile()(JSON.parse('[{"constructor": {}, "a": 1}, {"constructor": {}, "a": 1}]'))).toBe(false);
  });
});
