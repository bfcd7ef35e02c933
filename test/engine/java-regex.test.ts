import { compare, covers, loadKnownDifferences, loadOracle } from '../support/java-oracle';

/**
 * The engine against real java.util.regex (Java 17). scripts/java-regex-oracle/generate.mjs
 * ran every pattern of the 1,504 registry schemas and the edge cases of
 * scripts/java-regex-oracle/edge-cases.mjs in Java on generated matching and non-matching
 * strings; its verdicts are the fixture. Every pattern is judged through the engine's own
 * choice of route, and through V8 and RE2 alone (RE2 where it can express the pattern), so
 * a pattern means the same whichever engine runs it. Every difference must be listed in
 * known-differences.json with its reason, and every listed difference must still occur.
 */
const fixture = loadOracle();
const known = loadKnownDifferences();
const result = compare(fixture);

describe('patterns mean what they mean in java.util.regex', () => {
  it('the fixture covers every registry pattern and the edge cases, with verdicts both ways', () => {
    const matching = fixture.patterns.flatMap((p) => p.cases ?? []).filter(([, match]) => match).length;
    expect(fixture.registryPatterns).toBeGreaterThanOrEqual(2000);
    expect(fixture.patterns.filter((p) => p.origin === 'registry')).toHaveLength(fixture.registryPatterns);
    expect(fixture.edgePatterns).toBeGreaterThanOrEqual(300);
    expect(matching).toBeGreaterThan(fixture.cases / 4);
    expect(fixture.cases - matching).toBeGreaterThan(fixture.cases / 4);
    console.log(
      `java-regex oracle (Java ${fixture.java}): ${fixture.registryPatterns} registry + ${fixture.edgePatterns} edge patterns, ` +
        `${fixture.patterns.filter((p) => p.javaError).length} refused by Java; verdicts compared: engine ${result.compared.engine}, ` +
        `V8 ${result.compared.v8}, RE2 ${result.compared.re2} (${result.inexpressible.re2} patterns RE2 cannot express); ` +
        `${result.differences.length} differences, all listed`,
    );
  });

  it('every verdict on every route agrees with Java, except the listed differences', () => {
    const unexplained = result.differences.filter((d) => !known.some((k) => covers(k, d)));
    expect(unexplained).toEqual([]);
  });

  it('every listed difference still occurs (none is stale)', () => {
    const stale = known.filter((k) => !result.differences.some((d) => covers(k, d)));
    expect(stale).toEqual([]);
  });

  it('every registry pattern compiles and agrees with Java on the engine\'s route, without exception', () => {
    const registry = new Set(fixture.patterns.filter((p) => p.origin === 'registry').map((p) => p.pattern));
    expect(result.differences.filter((d) => registry.has(d.pattern) && d.route === 'engine')).toEqual([]);
  });

  it('V8 expresses every pattern Java accepts that the engine translates', () => {
    expect(result.inexpressible.v8).toBe(0);
  });
});
