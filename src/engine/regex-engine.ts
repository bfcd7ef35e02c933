import type { RE2JS } from 're2js';
import { InvalidPatternError, UnsafePatternError, UnsupportedPatternError } from './errors';
import type { Node } from './regex/ast';
import { height } from './regex/backtracking';
import { emitRe2, emitV8, Re2UnsupportedError } from './regex/emit';
import { UnsupportedConstructError } from './regex/unsupported';
import { parseJavaPattern } from './regex/java-parser';
import { JavaSyntaxError } from './regex/java-scanner';
import { re2 } from './re2-loader';

export interface RegExpLike {
  test(input: string): boolean;
  /** ajv's cache key for the compiled pattern: distinct patterns must print differently. */
  toString(): string;
}

/** Which engine runs a pattern: V8's RegExp (fast, backtracking) or RE2JS (linear time). */
export type Route = 'v8' | 're2';

/**
 * Templates and registry schemas write java.util.regex patterns (CloudFormation's
 * dialect). Each is parsed as Java 17 parses it, then written out for the engine that
 * runs it, so `\p{Print}`, `(?i)\x61`, `\Q...\E`, `$` before a final newline, possessive
 * quantifiers... mean what they mean in Java. What Java refuses, or what the engine does
 * not translate, is refused.
 */
function parse(pattern: string): Node {
  try {
    return parseJavaPattern(pattern);
  } catch (error) {
    if (error instanceof JavaSyntaxError) throw new InvalidPatternError(pattern, `is not a valid Java regular expression: ${error.message}`, { cause: error });
    if (error instanceof UnsupportedConstructError) throw new UnsupportedPatternError(pattern, `uses ${error.construct}, which the engine does not support: ${error.hint}`, { cause: error });
    throw error;
  }
}

/** Nested unbounded quantifiers are where backtracking explodes (false for a pattern that does not parse). */
export function mayBacktrack(pattern: string): boolean {
  return starHeight(pattern) > 1;
}

export function starHeight(pattern: string): number {
  try {
    return height(parseJavaPattern(pattern));
  } catch {
    return 0;
  }
}

function onV8(pattern: string, ast: Node): RegExp {
  const source = emitV8(ast);
  try {
    return new RegExp(source, 'u');
  } catch (cause) {
    throw new UnsupportedPatternError(pattern, 'could not be translated for the JavaScript engine (please report this RCFGE bug)', { cause });
  }
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

function onRe2(pattern: string, ast: Node): RegExpLike {
  let source: string;
  try {
    source = emitRe2(ast);
  } catch (error) {
    if (!(error instanceof Re2UnsupportedError)) throw error;
    throw new UnsafePatternError(pattern, `may backtrack catastrophically (nested quantifiers) and uses ${error.message}, which the linear-time engine cannot run; rewrite it without nested quantifiers`, { cause: error });
  }
  try {
    return linearRegExp(pattern, re2().compile(source));
  } catch (cause) {
    throw new UnsafePatternError(pattern, 'may backtrack catastrophically (nested quantifiers) and is too large for the linear-time engine; rewrite it without nested quantifiers', { cause });
  }
}

/** The pattern compiled for one engine, whatever its shape (tests compare both routes with Java). */
export function compileOn(pattern: string, route: Route): RegExpLike {
  const ast = parse(pattern);
  return route === 'v8' ? onV8(pattern, ast) : onRe2(pattern, ast);
}

/**
 * Pattern engine for ajv: safe patterns run on V8's RegExp (fast), patterns that may
 * backtrack run on RE2JS, whose time is linear in the input, so a hostile value cannot
 * stall the Hook. A pattern that is both unsafe and beyond RE2 is refused at compile time.
 */
export function compilePattern(pattern: string): RegExpLike {
  const ast = parse(pattern);
  return height(ast) > 1 ? onRe2(pattern, ast) : onV8(pattern, ast);
}

export const ajvRegExpEngine = Object.assign((pattern: string) => compilePattern(pattern), {
  code: 'rcfge-pattern',
});
