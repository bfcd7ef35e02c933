/**
 * Property-based tests of the engine (Enforcer over the repository's templates): hostile
 * and malformed properties never crash it, never change the caller's object, never pollute
 * Object.prototype, always give the same verdict, and agree with a plain-ajv oracle (whose
 * patterns mean what java.util.regex means, test/support/java-pattern.ts). The seed is fixed
 * unless FUZZ_SEED says otherwise (test/support/fuzz.ts): `npm run fuzz` explores.
 */
import fc from 'fast-check';
import { EngineCaches, Enforcer, type Target, type Verdict } from '../../src/engine/enforcer';
import { CachingTemplateProvider } from '../../src/store/caching-provider';
import { DirectoryTemplateStore } from '../../src/store/directory-store';
import { corpusContext, loadCorpus } from '../support/corpus';
import { fuzzSettings, fuzzTimeout, hostileValue, locations, mutate, mutation, oddKey, POLLUTING_KEYS } from '../support/fuzz';
import { TEMPLATES_DIR } from '../support/hook-fixtures';
import { prototypeKeys } from '../support/invariants';
import { AjvOracle, inAgreementDomain } from '../support/oracle';

const settings = fuzzSettings('fuzz-engine');
const corpus = loadCorpus();
const typeNames = [...new Set(corpus.map((r) => r.typeName))];

function enforcer(): Enforcer {
  const provider = new CachingTemplateProvider(new DirectoryTemplateStore(TEMPLATES_DIR), { ttlMs: 3_600_000, maxStaleMs: 0 });
  return new Enforcer(provider, { missingTemplateAction: 'FAIL' }, new EngineCaches());
}

const engine = enforcer();
/** Separate caches and compiler: a verdict must not depend on what was compiled before. */
const twin = enforcer();
const oracle = new AjvOracle(TEMPLATES_DIR);

function target(typeName: string, properties: unknown): Target {
  return { typeName, logicalId: 'Fuzzed', operation: 'CREATE', properties };
}

function summary(verdict: Verdict): string {
  return JSON.stringify([verdict.status, verdict.kind, verdict.findings, verdict.message]);
}

/** Plain ajv's answer; `crashed` when ajv itself throws on the input (its uniqueItems on a "valueOf" key). */
function oracleSays(typeName: string, properties: unknown, ctx: ReturnType<typeof corpusContext>): 'valid' | 'invalid' | 'crashed' {
  try {
    return oracle.valid(typeName, properties, ctx) ? 'valid' : 'invalid';
  } catch {
    return 'crashed';
  }
}

async function checkAgainstOracle(typeName: string, sent: unknown): Promise<void> {
  const ctx = corpusContext(typeName, 'Fuzzed');
  // Where ajv's coercion and CloudFormation's reading differ by design, see inAgreementDomain.
  const properties = inAgreementDomain(sent);
  const before = JSON.stringify(properties);
  const verdict = await engine.check(target(typeName, properties), ctx);
  // Judged input is left as sent (ajv coerces a private copy).
  expect(JSON.stringify(properties)).toBe(before);
  const expected = oracleSays(typeName, properties, ctx);
  // Fail closed: where plain ajv crashes, the engine still judges the input (FAIL, noncompliant).
  expect(verdict.status).toBe(expected === 'valid' ? 'PASS' : 'FAIL');
  expect(verdict.kind).toBe(expected === 'valid' ? 'compliant' : 'noncompliant');
  if (verdict.status === 'FAIL') {
    expect(verdict.findings.length).toBeGreaterThan(0);
    expect(verdict.message.length).toBeGreaterThan(0);
  }
}

describe('engine properties (fast-check)', () => {
  const protoBefore = prototypeKeys();

  afterAll(() => {
    expect(prototypeKeys()).toEqual(protoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the example corpus is judged as its file name says (control for the properties below)', async () => {
    for (const resource of corpus) {
      const verdict = await engine.check(target(resource.typeName, resource.properties), corpusContext(resource.typeName, 'Fuzzed'));
      expect(`${resource.stack}#${resource.logicalId}: ${verdict.status}`).toBe(`${resource.stack}#${resource.logicalId}: ${resource.expected}`);
    }
  });

  it('differential oracle: mutated example properties -> engine verdict == plain ajv on the coerced copy (values as CloudFormation sends them)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...corpus), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (resource, mutations) => {
        await checkAgainstOracle(resource.typeName, mutate(resource.properties, mutations));
      }),
      settings,
    );
  }, fuzzTimeout(settings));

  it('differential oracle: fully random property objects', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...typeNames), fc.dictionary(oddKey, hostileValue, { maxKeys: 6 }), async (typeName, properties) => {
        await checkAgainstOracle(typeName, properties);
      }),
      settings,
    );
  }, fuzzTimeout(settings));

  it('the same input always gets the same verdict (same engine twice, and an engine with other caches)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...corpus), fc.array(mutation, { maxLength: 3 }), async (resource, mutations) => {
        const properties = mutate(resource.properties, mutations);
        const ctx = corpusContext(resource.typeName, 'Fuzzed');
        const first = summary(await engine.check(target(resource.typeName, properties), ctx));
        const second = summary(await engine.check(target(resource.typeName, properties), ctx));
        const other = summary(await twin.check(target(resource.typeName, properties), ctx));
        expect(second).toBe(first);
        expect(other).toBe(first);
      }),
      settings,
    );
  }, fuzzTimeout(settings));

  it('prototype-pollution keys anywhere in the JSON text leave Object.prototype alone and are judged like any key', async () => {
    const pollutingJson = fc
      .tuple(fc.constantFrom(...corpus), fc.constantFrom(...POLLUTING_KEYS), fc.nat())
      .map(([resource, key, at]) => {
        const objects = locations(resource.properties).filter((path) => {
          const node = path.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], resource.properties);
          return node !== null && typeof node === 'object' && !Array.isArray(node);
        });
        const properties = mutate(resource.properties, []) as Record<string, unknown>;
        const host = objects[at % objects.length].reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], properties);
        Object.defineProperty(host, key, { value: { polluted: true, isAdmin: true }, enumerable: true });
        // Through JSON text, as the Lambda runtime parses the event: "__proto__" arrives as an own key.
        const text = JSON.stringify(properties).replace('"polluted":true', '"polluted":true,"__proto__":{"polluted":true}');
        return { typeName: resource.typeName, properties: JSON.parse(text) as unknown };
      });
    await fc.assert(
      fc.asyncProperty(pollutingJson, async ({ typeName, properties }) => {
        await checkAgainstOracle(typeName, properties);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      }),
      settings,
    );
  }, fuzzTimeout(settings));
});

const bucket = corpus.find((r) => r.typeName === 'AWS::S3::Bucket' && r.expected === 'PASS') as (typeof corpus)[number];
const policy = corpus.find((r) => r.typeName === 'AWS::IAM::ManagedPolicy' && r.expected === 'PASS') as (typeof corpus)[number];

function nested(depth: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}

describe('engine edge cases', () => {
  const DEEP = 10_000;

  it.each([
    ['objects', (inner: unknown) => ({ a: inner })],
    ['arrays', (inner: unknown) => [inner]],
  ])('10,000 levels of nested %s under an unapproved key -> FAIL (fails closed), never a throw', async (_, wrap) => {
    const properties = { ...bucket.properties, Deep: nested(DEEP, 'x', wrap) };
    const verdict = await engine.check(target(bucket.typeName, properties), corpusContext(bucket.typeName, 'Fuzzed'));
    expect(verdict.status).toBe('FAIL');
    expect(verdict.message.length).toBeGreaterThan(0);
  });

  it('10,000 levels inside an intentionally open object (IAM Condition) -> FAIL (fails closed), never a throw', async () => {
    const properties = structuredClone(policy.properties) as { PolicyDocument: { Statement: Record<string, unknown>[] } };
    properties.PolicyDocument.Statement[0].Condition = { StringEquals: { 'aws:PrincipalTag/x': nested(DEEP, 'x', (inner) => ({ a: inner })) } };
    const verdict = await engine.check(target(policy.typeName, properties), corpusContext(policy.typeName, 'Fuzzed'));
    expect(verdict.status).toBe('FAIL');
  });

  it('500 levels of nesting (deeper than any real resource) -> the ordinary verdict, equal to the oracle', async () => {
    const properties = { ...bucket.properties, Deep: nested(500, 'x', (inner) => ({ a: inner })) };
    const verdict = await engine.check(target(bucket.typeName, properties), corpusContext(bucket.typeName, 'Fuzzed'));
    expect(verdict.findings.map((f) => f.path)).toEqual(['/Deep']);
    await checkAgainstOracle(bucket.typeName, properties);
  });

  it('10 MB of properties (a 10 MB string and 100,000 tags) -> FAIL with a short message', async () => {
    const properties = {
      ...bucket.properties,
      BucketName: 'a'.repeat(10 * 1024 * 1024),
      Tags: Array.from({ length: 100_000 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })),
    };
    const verdict = await engine.check(target(bucket.typeName, properties), corpusContext(bucket.typeName, 'Fuzzed'));
    expect(verdict.kind).toBe('noncompliant');
    expect(verdict.findings.map((f) => `${f.path} ${f.keyword}`)).toEqual(expect.arrayContaining(['/BucketName maxLength', '/Tags maxItems']));
    expect(verdict.message.length).toBeLessThanOrEqual(4096);
  });

  it('non-string keys: symbol keys are invisible, numeric keys are strings and judged', async () => {
    const withSymbol = { ...bucket.properties, [Symbol('hidden')]: { anything: true } };
    const withNumber = { ...bucket.properties, 42: 'x' };
    const ctx = corpusContext(bucket.typeName, 'Fuzzed');
    expect((await engine.check(target(bucket.typeName, withSymbol), ctx)).status).toBe('PASS');
    const numeric = await engine.check(target(bucket.typeName, withNumber), ctx);
    expect(numeric.findings.map((f) => f.path)).toEqual(['/42']);
  });

  it.each([
    ['a lone high surrogate', '\ud800'],
    ['a lone low surrogate', '\udc00'],
    ['an RTL override', 'abc\u202egpj.exe'],
    ['a zero-width space', 'my\u200bbucket'],
    ['a NUL', 'my\u0000bucket'],
    ['a BOM', '\ufeffmybucket'],
  ])('odd Unicode in a pattern-checked value (%s) -> FAIL, same as the oracle', async (_, name) => {
    const properties = { ...bucket.properties, BucketName: name };
    const verdict = await engine.check(target(bucket.typeName, properties), corpusContext(bucket.typeName, 'Fuzzed'));
    expect(verdict.status).toBe('FAIL');
    await checkAgainstOracle(bucket.typeName, properties);
  });

  it('properties that are not an object (array, string, number, null) -> a verdict, never a throw', async () => {
    for (const properties of [[], 'x', 5, true, null]) {
      const verdict = await engine.check(target(bucket.typeName, properties), corpusContext(bucket.typeName, 'Fuzzed'));
      expect(verdict.status).toBe('FAIL');
      expect(verdict.message.length).toBeGreaterThan(0);
    }
  });
});

describe('deeply nested properties are blamed on the input, not on the template', () => {
  // Copying and validating overflow the stack beyond ~1,500 levels; the engine turns that into
  // an input finding, so nobody goes looking for a fault in a template that is fine.
  it('10,000 levels under an unapproved key -> a finding about the input, not "template is invalid"', async () => {
    const properties = { ...bucket.properties, Deep: nested(10_000, 'x', (inner) => ({ a: inner })) };
    const verdict = await engine.check(target(bucket.typeName, properties), corpusContext(bucket.typeName, 'Fuzzed'));
    expect(verdict.kind).not.toBe('template-error');
    expect(verdict.message).toMatch(/nest|deep/i);
  });
});

describe('a "valueOf" key inside uniqueItems arrays is judged like any key', () => {
  // ajv's own uniqueItems calls item.valueOf() through fast-deep-equal and throws on an own
  // "valueOf" key; the engine's uniqueItems (src/engine/keywords/unique-items.ts) compares
  // canonical JSON instead, so the unapproved key is simply reported.
  it('AttributeDefinitions item with "valueOf": "x" -> noncompliant, naming the key', async () => {
    const table = corpus.find((r) => r.typeName === 'AWS::DynamoDB::Table' && r.expected === 'PASS') as (typeof corpus)[number];
    // On the last item: fast-deep-equal calls valueOf() on the later item of each compared pair.
    const properties = JSON.parse(JSON.stringify(table.properties).replace('"AttributeName":"sk","AttributeType":"S"}', '"AttributeName":"sk","AttributeType":"S","valueOf":"x"}'));
    expect(JSON.stringify(properties)).toContain('"valueOf":"x"');
    const verdict = await engine.check(target(table.typeName, properties), corpusContext(table.typeName, 'Fuzzed'));
    expect(verdict.status).toBe('FAIL');
    expect(verdict.kind).toBe('noncompliant');
    expect(verdict.message).toMatch(/valueOf/);
  });
});
