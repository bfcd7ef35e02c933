import type { RE2JS } from 're2js';
import { UnsafePatternError } from './errors';
import { re2 } from './re2-loader';
import { hasJavaSyntax, translateJavaSyntax } from './java-syntax';
import { starHeight } from './star-height';

export interface RegExpLike {
  test(input: string): boolean;
  /** ajv's cache key for the compiled pattern: distinct patterns must print differently. */
  toString(): string;
}

/**
 * Registry patterns mix two dialects: some need the `u` flag (`\p{L}`), others use
 * identity escapes (`\-`, `\_`) that `u` rejects. Try `u` first so `\p{L}` means a
 * letter rather than the letter "p".
 */
export function nativeRegExp(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return new RegExp(pattern);
  }
}

/** Nested unbounded quantifiers are where backtracking explodes. */
export function mayBacktrack(pattern: string): boolean {
  return starHeight(pattern) > 1;
}

/** RE2 caps a counted repetition at 1000; `X{m,n}` with larger n is the same language as `X{m,1000}X{0,n-1000}`. */
const LARGE_REPEAT = /(\\.|\[(?:\\.|[^\]\\])*\]|\((?:\\.|[^()\\])*\)|[^\\()[\]{}|])\{(\d+),(\d+)\}/g;

export function splitLargeRepeats(pattern: string): string {
  return pattern.replace(LARGE_REPEAT, (whole, atom: string, min: string, max: string) => {
    const lo = Number(min);
    const hi = Number(max);
    if (hi <= 1000 || lo > 1000) return whole;
    return `(?:${atom}){${lo},1000}(?:${atom}){0,${hi - 1000}}`;
  });
}

function linearTime(pattern: string): RegExpLike {
  let re: RE2JS;
  try {
    re = re2().compile(splitLargeRepeats(pattern));
  } catch (cause) {
    throw new UnsafePatternError(
      pattern,
      'may backtrack catastrophically (nested quantifiers) and uses syntax the linear-time engine cannot run (lookaround, backreference); rewrite it without nested quantifiers',
      { cause },
    );
  }
  return linearRegExp(pattern, re);
}

/**
 * ajv shares compiled patterns across every schema of an instance, keyed by the object's
 * toString(): the key must name the pattern, or the first RE2 pattern compiled in a warm
 * runtime would serve every later one.
 */
function linearRegExp(pattern: string, re: RE2JS): RegExpLike {
  const key = `rcfge-re2:${pattern}`;
  return { test: (input: string) => re.test(input), toString: () => key };
}

/**
 * Pattern engine for ajv: safe patterns run on V8's RegExp (fast), patterns that may
 * backtrack run on RE2JS, whose time is linear in the input, so a hostile value cannot
 * stall the Hook. A pattern that is both unsafe and beyond RE2 is refused at compile time.
 */
export function compilePattern(pattern: string): RegExpLike {
  let native: RegExp;
  try {
    native = nativeRegExp(hasJavaSyntax(pattern) ? translateJavaSyntax(pattern) : pattern);
  } catch (syntaxError) {
    // Registry patterns written for Java/RE2 (`(?s)`, `(?i)`) are valid there: run them there.
    try {
      return linearRegExp(pattern, re2().compile(splitLargeRepeats(pattern)));
    } catch {
      throw syntaxError;
    }
  }
  return mayBacktrack(pattern) ? linearTime(pattern) : native;
}

export const ajvRegExpEngine = Object.assign((pattern: string) => compilePattern(pattern), {
  code: 'rcfge-pattern',
});
