import type { SchemaCompiler } from '../../engine/compiler';
import { isRecord } from '../../engine/schema-walk';
import { jsonSyntaxReason } from '../json-error';
import { checkCompiles } from './compile';
import { checkCreateOnly } from './create-only';
import { dummyContext } from './dummy-context';
import { checkFileName } from './file-name';
import type { LintFinding, RuleFinding } from './finding';
import { checkGating } from './gating-coverage';
import { checkKeywords } from './keywords';
import { checkPatterns } from './patterns';
import { checkPlaceholders } from './placeholders';
import { checkReadOnly } from './read-only';
import { checkRegistryProperties } from './registry-properties';
import { checkRequired } from './required';
import { checkRuleCoverage, checkRuleIds } from './rule-coverage';
import { checkStringForms } from './string-form';
import { checkTypelessConst } from './typeless-const';

export interface LintTools {
  readonly compiler: SchemaCompiler;
  readonly keywords: ReadonlySet<string>;
}

export interface TemplateSource {
  /** As shown in findings (the path the user gave, joined with the file name). */
  readonly file: string;
  readonly text: string;
}

/** Parses a template; a finding instead when it is not a JSON object. */
export type Parsed = { readonly ok: true; readonly template: Record<string, unknown> } | { readonly ok: false; readonly finding: RuleFinding };

/** Line and column of JSON.parse's "at position N" (node 20 gives only the offset). */
function positionOf(text: string, message: string): { line: number; column: number } {
  const match = /at position (\d+)/.exec(message);
  const before = text.slice(0, match ? Number(match[1]) : text.length).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

export function parseTemplate(text: string): Parsed {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const { line, column } = positionOf(text, (error as Error).message);
    const reason = jsonSyntaxReason(error).replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '');
    return { ok: false, finding: { path: '', rule: 'json', severity: 'error', message: `not valid JSON at line ${line}, column ${column}: ${reason}`, line, column } };
  }
  if (!isRecord(parsed)) return { ok: false, finding: { path: '', rule: 'json', severity: 'error', message: 'a template must be a JSON object (a JSON Schema for the resource properties)' } };
  return { ok: true, template: parsed };
}

/**
 * Every rule on one template. `registry` is the official schema of its type when
 * --schemas was given (null: given, but there is none for this type).
 */
export function lintTemplate(source: TemplateSource, tools: LintTools, registry?: Record<string, unknown> | null): LintFinding[] {
  const parsed = parseTemplate(source.text);
  const withFile = (list: RuleFinding[]): LintFinding[] => list.map((f) => ({ file: source.file, ...f }));
  if (!parsed.ok) return withFile([parsed.finding]);
  const { template } = parsed;
  const placeholders = checkPlaceholders(template);
  const keywords = checkKeywords(template, tools.keywords);
  const findings: RuleFinding[] = [...checkFileName(source.file, template), ...placeholders, ...keywords];
  if (placeholders.length === 0) {
    findings.push(...checkCompiles({ file: source.file, text: source.text, template, compiler: tools.compiler, keywordsReported: keywords.length > 0 }));
  }
  findings.push(...checkGating(template), ...checkRequired(template), ...checkTypelessConst(template), ...checkRuleCoverage(template), ...checkStringForms(template), ...checkRuleIds(template), ...checkPatterns(template, dummyContext(template)));
  if (registry === null) {
    findings.push({ path: '/typeName', rule: 'registry-schema', severity: 'warning', message: `no registry schema for ${String(template.typeName)} in --schemas: its property names were not checked` });
  } else if (registry) {
    findings.push(...checkRegistryProperties(template, registry), ...checkReadOnly(template, registry), ...checkCreateOnly(template, registry));
  }
  return withFile(findings);
}
