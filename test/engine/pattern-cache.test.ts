import { Enforcer, EngineCaches } from '../../src/engine/enforcer';
import { mayBacktrack } from '../../src/engine/regex-engine';
import type { TemplateObject, TemplateProvider } from '../../src/engine/template-provider';
import { testContext } from '../support/context';
import { loadOracle } from '../support/java-oracle';

/**
 * ajv keeps compiled patterns in one scope per instance, keyed by the pattern object's
 * toString(). Patterns with nested quantifiers run on RE2; if their wrappers all printed
 * alike, the first one compiled in a runtime would serve every later template. These are
 * registry patterns that the engine routes to RE2 (Lambda Handler, IAM Path, ...), each
 * in its own template, compiled in one runtime in several orders; every verdict must be
 * the one of the template's own pattern (V8 running that pattern alone is the oracle: none
 * of them uses Java-only syntax, and the values are too short to make it backtrack badly).
 */
const PATTERNS = [
  '^(([0-9a-zA-Z_-]+(\\/|\\.))*[0-9A-Za-z_\\\\-]+(\\.|::)[A-Za-z_][A-Za-z0-9_]*)?$', // AWS::Lambda::Function Handler
  '^/(.+/)*$', // IAM Path
  '^\\S+( +\\S+)*$',
  '^(\\/+[^\\/]+\\/*)+$',
  '[a-zA-Z](?:-?[a-zA-Z0-9]+)*',
  '^https://([.\\-_a-zA-Z0-9]+/?){3,1016}$',
  '^\\$\\{(\\w+.)+\\w+\\}$',
  '^arn:(.+:){2,4}.+$|^arn:(.+:){1,3}.+\\/.+$',
  '^([^:*\\/]+\\/?)*[^:*\\/]+$',
  '^[a-z0-9*](?:[._\\-/a-z0-9*]?[a-z0-9*]+)*$',
];

const VALUES = ['index.handler', 'com.example::Handler', '/', '/service-role/', 'service-role', 'a b', 'a  b ', ' lead', '/a/b', 'x', '-', '9',
  'https://a/b/c', 'https://a', '${a.b}', '${ab}', 'arn:aws:s3:::bucket/key', 'arn:aws:iam::123456789012:role', 'a:b', 'prefix*', 'UPPER', ''];

const ctx = testContext('Test::Pattern::Value', 'Resource', {});

class MemoryProvider implements TemplateProvider {
  constructor(private readonly files: ReadonlyMap<string, string>) {}
  locationOf(file: string): string {
    return `memory://${file}`;
  }
  async get(file: string): Promise<TemplateObject> {
    const body = this.files.get(file);
    if (body === undefined) throw new Error(`no ${file}`);
    return { file, location: this.locationOf(file), body, etag: file };
  }
}

const typeName = (i: number) => `Test::Pattern${i}::Value`;
const fileName = (i: number) => `test-pattern${i}-value.json`;

function provider(): MemoryProvider {
  const files = new Map<string, string>();
  PATTERNS.forEach((pattern, i) => {
    // One pattern as `pattern`, the same one as a patternProperties key: both go through ajv's pattern scope.
    const template = {
      typeName: typeName(i),
      type: 'object',
      additionalProperties: false,
      properties: { Value: { type: 'string', pattern }, Map: { type: 'object', additionalProperties: false, patternProperties: { [pattern]: { type: 'string' } } } },
    };
    files.set(fileName(i), JSON.stringify(template));
  });
  return new MemoryProvider(files);
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const indexes = PATTERNS.map((_, i) => i);
const ORDERS: Array<[string, number[]]> = [
  ['as listed', indexes],
  ['reversed', [...indexes].reverse()],
  ['shuffled (seed 7)', shuffled(indexes, 7)],
  ['shuffled (seed 2024)', shuffled(indexes, 2024)],
];

describe('compiled patterns serve their own template', () => {
  it('routes every pattern of this test to RE2', () => {
    expect(PATTERNS.filter((p) => !mayBacktrack(p))).toEqual([]);
  });

  it('the oracle tells the patterns apart on these values', () => {
    const verdicts = new Set(PATTERNS.map((p) => VALUES.map((v) => new RegExp(p).test(v)).join('')));
    expect(verdicts.size).toBe(PATTERNS.length);
  });

  it.each(ORDERS)('in one runtime, compiled in order %s', async (_name, order) => {
    const enforcer = new Enforcer(provider(), { missingTemplateAction: 'FAIL' }, new EngineCaches());
    const wrong: string[] = [];
    // Twice over: first compiles, second reuses the warm runtime's validators.
    for (const round of [1, 2]) {
      for (const i of order) {
        const oracle = new RegExp(PATTERNS[i]);
        for (const value of VALUES) {
          for (const properties of [{ Value: value }, { Map: { [value]: 'x' } }]) {
            const verdict = await enforcer.check({ typeName: typeName(i), logicalId: 'Resource', operation: 'CREATE', properties }, ctx);
            const expected = oracle.test(value) ? 'PASS' : 'FAIL';
            if (verdict.status !== expected) wrong.push(`round ${round}: ${PATTERNS[i]} on ${JSON.stringify(properties)}: ${verdict.status}, expected ${expected}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('compiled patterns serve their own template: every RE2-routed registry pattern against Java', () => {
  // Java's verdicts on generated strings (test/fixtures/java-regex/oracle.json) are each pattern's own oracle.
  const routed = loadOracle().patterns.filter((p) => p.origin === 'registry' && p.cases !== undefined && mayBacktrack(p.pattern));
  const templateFor = (i: number) => ({ typeName: typeName(100 + i), type: 'object', additionalProperties: false, properties: { Value: { type: 'string', pattern: routed[i].pattern } } });

  it('finds the registry patterns the engine routes to RE2', () => {
    expect(routed.length).toBeGreaterThanOrEqual(30);
  });

  it.each([
    ['as listed', routed.map((_, i) => i)],
    ['reversed', routed.map((_, i) => routed.length - 1 - i)],
    ['shuffled (seed 99)', shuffled(routed.map((_, i) => i), 99)],
  ])('in one runtime, compiled in order %s', async (_name, order) => {
    const files = new Map(routed.map((_, i) => [fileName(100 + i), JSON.stringify(templateFor(i))]));
    const enforcer = new Enforcer(new MemoryProvider(files), { missingTemplateAction: 'FAIL' }, new EngineCaches());
    const wrong: string[] = [];
    for (const i of order) {
      for (const [value, java] of routed[i].cases ?? []) {
        const verdict = await enforcer.check({ typeName: typeName(100 + i), logicalId: 'Resource', operation: 'CREATE', properties: { Value: value } }, ctx);
        if ((verdict.status === 'PASS') !== java) wrong.push(`${routed[i].pattern} on ${JSON.stringify(value)}: ${verdict.status}, Java ${java ? 'matches' : 'does not match'}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
