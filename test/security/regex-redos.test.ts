/**
 * The regex decision, measured: a pattern with nested unbounded quantifiers runs on RE2JS
 * (linear time) through the engine. No timing comparison with native backtracking here: a
 * timed assertion flakes on a busy runner (speed figures belong to npm run bench).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Enforcer } from '../../src/engine/enforcer';
import { compilePattern, mayBacktrack } from '../../src/engine/regex-engine';
import { MAX_TEMPLATE_BYTES } from '../../src/store/types';
import { CachingTemplateProvider } from '../../src/store/caching-provider';
import { DirectoryTemplateStore } from '../../src/store/directory-store';
import { corpusContext } from '../support/corpus';

const EVIL = '^(a+)+$';
let dir: string;
let engine: Enforcer;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rcfge-redos-'));
  const template = (typeName: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ typeName, type: 'object', additionalProperties: false, properties: { Name: { type: 'string', pattern: EVIL } }, ...extra });
  writeFileSync(join(dir, 'rcfge-test-redos.json'), template('RCFGE::Test::Redos'));
  writeFileSync(join(dir, 'rcfge-test-oversize.json'), template('RCFGE::Test::Oversize', { description: 'x'.repeat(MAX_TEMPLATE_BYTES) }));
  engine = new Enforcer(new CachingTemplateProvider(new DirectoryTemplateStore(dir), { ttlMs: 3_600_000, maxStaleMs: 0 }), { missingTemplateAction: 'FAIL' });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

describe('regex engine choice', () => {
  it(`"${EVIL}" has star height 2 and is compiled for RE2JS, not V8`, () => {
    expect(mayBacktrack(EVIL)).toBe(true);
    expect(compilePattern(EVIL)).not.toBeInstanceOf(RegExp);
    expect(compilePattern('^a+$')).toBeInstanceOf(RegExp); // safe patterns keep the fast native engine
  });

  it(`through the engine, "${EVIL}" vs "a" x N + "!" stays fast for N = 30, 1,000, 100,000`, async () => {
    const ctx = corpusContext('RCFGE::Test::Redos', 'Redos');
    await engine.check({ typeName: 'RCFGE::Test::Redos', logicalId: 'Warmup', operation: 'CREATE', properties: { Name: 'a' } }, ctx);
    const rows: string[] = [];
    for (const n of [30, 1000, 100_000]) {
      const start = process.hrtime.bigint();
      const verdict = await engine.check({ typeName: 'RCFGE::Test::Redos', logicalId: 'Redos', operation: 'CREATE', properties: { Name: `${'a'.repeat(n)}!` } }, ctx);
      const elapsed = ms(start);
      rows.push(`engine (RE2JS)  N=${n}: ${elapsed.toFixed(2)} ms`);
      expect(verdict.findings.map((f) => f.keyword)).toEqual(['pattern']);
      expect(elapsed).toBeLessThan(2000); // linear: ~13 ms measured for N=100,000; exponential would never end
    }
    console.log(`ReDoS measurements\n${rows.join('\n')}`);
  });
});

describe('size cap on the directory store path (rcfge validate)', () => {
  it('a local template over the cap is refused before parsing', async () => {
    const verdict = await engine.check({ typeName: 'RCFGE::Test::Oversize', logicalId: 'Big', operation: 'CREATE', properties: { Name: 'a' } }, corpusContext('RCFGE::Test::Oversize', 'Big'));
    expect(verdict.kind).toBe('template-error');
    expect(verdict.message).toMatch(new RegExp(`the limit is ${MAX_TEMPLATE_BYTES}`));
  });
});
