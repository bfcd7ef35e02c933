import { InvalidPatternError, PatternError } from '../../engine/errors';
import { substitutePlaceholders } from '../../engine/placeholders';
import type { PlaceholderContext } from '../../engine/placeholders';
import { joinPointer } from '../../engine/pointer';
import { compilePattern, mayBacktrack } from '../../engine/regex-engine';
import { backtracksExponentially } from '../regex-ambiguity';
import { everySchema, isRecord } from '../../engine/schema-walk';
import type { RuleFinding, Severity } from './finding';

export interface PatternVerdict {
  readonly severity: Severity;
  readonly message: string;
}

/** What is wrong with one (placeholder-free) pattern, if anything. */
export function judgePattern(pattern: string): PatternVerdict | undefined {
  try {
    compilePattern(pattern);
  } catch (error) {
    if (error instanceof InvalidPatternError) return { severity: 'error', message: error.why };
    if (error instanceof PatternError) return { severity: 'error', message: `the engine refuses it: ${error.why}` };
    return { severity: 'error', message: `not a valid regular expression (${(error as Error).message})` };
  }
  // Both analyses must agree: the engine's star height (with its delimiter rules) and the
  // iteration-boundary check, so that only the (a+)+ shape is an error.
  const nested = mayBacktrack(pattern);
  if (nested && backtracksExponentially(pattern)) {
    return {
      severity: 'error',
      message: 'may backtrack catastrophically: a repeated group whose body is itself a repetition, like (a+)+, splits a string into iterations in exponentially many ways; rewrite it (e.g. (a+)+ -> a+)',
    };
  }
  if (nested) {
    return { severity: 'warning', message: 'nested quantifiers: the Hook runs it on the linear-time engine (RE2 syntax only, slower); consider rewriting it without nesting' };
  }
  return undefined;
}

/** Every `pattern` and `patternProperties` key, judged after placeholder substitution (as the Hook sees it). */
export function checkPatterns(template: unknown, ctx: PlaceholderContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const judge = (raw: string, pointer: string): void => {
    let pattern: string;
    try {
      pattern = (substitutePlaceholders({ pattern: raw }, ctx) as { pattern: string }).pattern;
    } catch {
      return; // an unknown placeholder: the placeholder rule reports it
    }
    const verdict = judgePattern(pattern);
    if (verdict) findings.push({ path: pointer, rule: 'pattern', severity: verdict.severity, message: `pattern ${JSON.stringify(raw)}: ${verdict.message}` });
  };
  everySchema(template, (node, pointer) => {
    if (!isRecord(node)) return;
    if (typeof node.pattern === 'string') judge(node.pattern, joinPointer(pointer, 'pattern'));
    if (isRecord(node.patternProperties)) {
      for (const key of Object.keys(node.patternProperties)) judge(key, joinPointer(joinPointer(pointer, 'patternProperties'), key));
    }
  });
  return findings;
}
