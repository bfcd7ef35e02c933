import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { substitutePlaceholders } from '../../src/engine/placeholders';
import { corpusContext } from '../support/corpus';
import { TEMPLATES_DIR } from '../support/hook-fixtures';
import { loadOracle } from '../support/java-oracle';
import { javaToJsSource, javaWayRegExp, UntranslatedJavaPattern } from '../support/java-pattern';

/**
 * The differential oracle of fuzz-engine.test.ts reads patterns through
 * test/support/java-pattern.ts; an oracle that is wrong about Java would make the fuzz tests
 * blame a correct engine (or excuse a wrong one). Checked here against real java.util.regex
 * verdicts (Java 17, test/fixtures/java-regex/oracle.json) on every fixture pattern it
 * translates, and it must translate every pattern of the repository's templates.
 */
const fixture = loadOracle();

function translated(pattern: string): RegExp | undefined {
  try {
    return javaWayRegExp(pattern);
  } catch (error) {
    if (error instanceof UntranslatedJavaPattern) return undefined;
    throw error;
  }
}

function templatePatterns(): string[] {
  const patterns = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'pattern' && typeof value === 'string') patterns.add(value);
        if (key === 'patternProperties' && value !== null && typeof value === 'object') Object.keys(value).forEach((p) => patterns.add(p));
        walk(value);
      }
    }
  };
  for (const file of readdirSync(TEMPLATES_DIR).filter((f) => /^aws-.*\.json$/.test(f))) {
    const template = JSON.parse(readFileSync(join(TEMPLATES_DIR, file), 'utf8'));
    walk(substitutePlaceholders(template, corpusContext('AWS::S3::Bucket', 'Fuzzed')));
  }
  return [...patterns];
}

describe("the oracle's Java patterns", () => {
  it('agree with java.util.regex on every fixture case of every pattern they translate', () => {
    const wrong: string[] = [];
    let patterns = 0;
    let cases = 0;
    for (const entry of fixture.patterns) {
      if (entry.javaError !== undefined) continue;
      const re = translated(entry.pattern);
      if (re === undefined) continue;
      patterns++;
      for (const [input, java] of entry.cases ?? []) {
        cases++;
        if (re.test(input) !== java) wrong.push(`${JSON.stringify(entry.pattern)} on ${JSON.stringify(input)}: Java ${java}`);
      }
    }
    expect(wrong).toEqual([]);
    // Most registry patterns are in the translated subset: the comparison is not vacuous.
    expect(patterns).toBeGreaterThan(1500);
    expect(cases).toBeGreaterThan(20_000);
  });

  it('translate every pattern of the templates the fuzz tests judge', () => {
    const patterns = templatePatterns();
    expect(patterns.length).toBeGreaterThan(40);
    expect(patterns.filter((p) => translated(p) === undefined)).toEqual([]);
  });

  it.each([
    ['JS \\s: U+FEFF, U+00A0, U+2028 are not Java whitespace', '^[^\\s]+$', ['\ufeff', '\u00a0', '\u2028'], [' ', '\t', 'a b']],
    ["Java's $ before one final line terminator", '^[a-z]+$', ['abc\n', 'abc\r\n', 'abc\u0085', 'abc\u2028'], ['abc\n\n', 'abc\r\r\n', 'abc\nx']],
    ["Java's . stops at U+0085; code points, not UTF-16 units", '^.{1,2}$', ['\u{1F600}\u{1F600}', '\ud800'], ['\u0085', '\u{1F600}\u{1F600}\u{1F600}']],
  ])('%s', (_, pattern, matching, notMatching) => {
    const re = javaWayRegExp(pattern);
    expect(matching.filter((s) => !re.test(s))).toEqual([]);
    expect(notMatching.filter((s) => re.test(s))).toEqual([]);
  });

  it('refuse what they do not translate instead of reading it the JS way', () => {
    for (const pattern of ['\\p{Print}', '(?i)abc', 'a*+', '\\Qa.b\\E', '[a&&[b]]', '\\bword', '(?<n>x)']) {
      expect(() => javaToJsSource(pattern)).toThrow(UntranslatedJavaPattern);
    }
  });
});
