import fc from 'fast-check';
import { globMatch } from '../../../src/engine/iam/glob';

/** The obvious definition, for comparison: a regex with the wildcards translated (fine on small inputs). */
function byRegex(pattern: string, text: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(text);
}

describe('globMatch (IAM wildcards)', () => {
  it.each([
    ['s3:get*', 's3:getobject', true],
    ['s3:get*', 's3:putobject', false],
    ['s3:*object', 's3:getobject', true],
    ['s3:?etobject', 's3:getobject', true],
    ['s3:?etobject', 's3:etobject', false],
    ['*', '', true],
    ['', '', true],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'acb', false],
    ['**', 'anything', true],
  ])('%s vs %s -> %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });

  it('agrees with a regex translation on random patterns', () => {
    const alphabet = fc.constantFrom('a', 'b', '*', '?');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 8 }), fc.array(fc.constantFrom('a', 'b'), { maxLength: 10 }), (p, t) => {
        expect(globMatch(p.join(''), t.join(''))).toBe(byRegex(p.join(''), t.join('')));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 500) },
    );
  });

  it('answers long adversarial patterns quickly (no backtracking blow-up)', () => {
    const pattern = `${'*a'.repeat(200)}b`;
    expect(globMatch(pattern, 'a'.repeat(5000))).toBe(false);
  });
});
