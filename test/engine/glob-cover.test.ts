import fc from 'fast-check';
import { globCovers, resourcePatternCovers } from '../../src/engine/glob-cover';

/** IAM wildcard matching, written the obvious way, as the oracle. */
function matches(pattern: string, text: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
  return new RegExp(`^${source}$`).test(text);
}

function* strings(alphabet: string, maxLength: number): Generator<string> {
  yield '';
  let layer = [''];
  for (let n = 1; n <= maxLength; n++) {
    layer = layer.flatMap((s) => [...alphabet].map((c) => s + c));
    yield* layer;
  }
}

/** Containment checked on every string up to a length that exposes any counterexample for patterns this short. */
function coversByEnumeration(outer: string, inner: string): boolean {
  for (const text of strings('abc', outer.length + inner.length + 1)) if (matches(inner, text) && !matches(outer, text)) return false;
  return true;
}

describe('globCovers', () => {
  it.each([
    ['*', 'anything/*', true],
    ['bucket/*', 'bucket/*', true],
    ['bucket*', 'bucket/*', true],
    ['bucket', 'bucket', true],
    ['bucket', 'bucket/*', false],
    ['bucket/a*', 'bucket/*', false],
    ['bucket/?', 'bucket/*', false],
    ['bucket/?*', 'bucket/*', false],
    ['*/*', 'bucket', false],
    ['b?cket', 'bucket', true],
    ['other/*', 'bucket/*', false],
  ])('%s covers %s: %s', (outer, inner, expected) => {
    expect(globCovers(outer, inner)).toBe(expected);
  });

  it('agrees with enumeration on short patterns', () => {
    const pattern = fc.string({ unit: fc.constantFrom('a', 'b', '*', '?'), maxLength: 4 });
    fc.assert(
      fc.property(pattern, pattern, (outer, inner) => globCovers(outer, inner) === coversByEnumeration(outer, inner)),
      { numRuns: 400 },
    );
  });
});

describe('resourcePatternCovers', () => {
  const objects = 'arn:aws:s3:::data-bucket/*';
  it.each([
    ['*', true],
    ['arn:aws:s3:::*', true],
    ['arn:*:s3:::data-bucket/*', true],
    ['arn:aws:s3:::data-bucket/*', true],
    ['arn:aws:s3:::data-*', true],
    ['arn:aws:s3:::data-bucket', false],
    ['arn:aws:s3:::other-bucket/*', false],
    ['arn:aws:s3:::data-bucket/public/*', false],
    ['arn:*', false], // fewer than six fields: not trusted to cover anything
    ['arn:aws:s3:::data-bucket/?', false],
  ])('%s covers the objects: %s', (pattern, expected) => {
    expect(resourcePatternCovers(pattern, objects)).toBe(expected);
  });
});
