import { compilePattern, mayBacktrack } from '../../src/engine/regex-engine';
import { starHeight } from '../../src/engine/star-height';

describe('pattern engine', () => {
  it.each([
    ['^(a+)+$', 2],
    ['(\\w+\\s?)*$', 2],
    ['^(a|a)*$', 2],
    ['^[a-z0-9-]{3,63}$', 1],
    ['^(-[a-z0-9]+)*$', 1],
    ['^(([a-z]+)\\.)+com$', 1],
    ['^[0-9A-Za-z.\\-_]*(?<!\\.)$', 1],
  ])('star height of %s is %i', (pattern, height) => {
    expect(starHeight(pattern)).toBe(height);
  });

  it('runs a catastrophic pattern on the linear-time engine: an adversarial value is judged at once', () => {
    const re = compilePattern('^(a+)+$');
    expect(mayBacktrack('^(a+)+$')).toBe(true);
    expect(re).not.toBeInstanceOf(RegExp);
    const started = process.hrtime.bigint();
    expect(re.test(`${'a'.repeat(100_000)}!`)).toBe(false);
    expect(re.test('aaaa')).toBe(true);
    // Not a speed target: a backtracking engine would not return at all at this size.
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(10);
  });

  it('refuses a pattern that may backtrack and that RE2 cannot run', () => {
    expect(() => compilePattern('^(a+)+(?=b)\\1$')).toThrow(/backtrack/);
  });

  it('uses V8 for safe patterns, with \\p{L} meaning a letter', () => {
    const re = compilePattern('^[\\p{L}\\p{N} ]+$');
    expect(re).toBeInstanceOf(RegExp);
    expect(re.test('Grüße 2')).toBe(true);
    expect(re.test('a-b')).toBe(false);
  });

  it('accepts registry patterns with identity escapes that the u flag rejects', () => {
    expect(compilePattern('^[a-z\\-\\_]+$').test('a-_')).toBe(true);
  });

  it('translates Java inline flags', () => {
    const re = compilePattern('^(?!(?i)aws)[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$');
    expect(re.test('Acme::Hook::Name')).toBe(true);
    expect(re.test('AWS::Hook::Name')).toBe(false);
    expect(compilePattern('(?s)^a.b$').test('a\nb')).toBe(true);
  });

  it('reads Java input anchors \\A and \\Z as anchors, not as the letters A and Z', () => {
    const re = compilePattern('\\A[.\\-_/#A-Za-z0-9]{1,512}\\Z');
    expect(re.test('/rcfge/config-hook')).toBe(true);
    expect(re.test('/rcfge/config-hookZ')).toBe(true);
    expect(re.test('bad name!')).toBe(false);
    expect(compilePattern('^x\\\\Z$').test('x\\Z')).toBe(true);
  });

  it('splits repetitions above RE2\'s limit without changing the language', () => {
    const re = compilePattern('^(\\w|/){1,1011}(a+)+$');
    expect(re.test(`${'x'.repeat(1011)}a`)).toBe(true);
    expect(re.test(`${'x'.repeat(1012)}a`)).toBe(false);
  });
});
