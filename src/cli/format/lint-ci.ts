import { type LintFinding, type LintRule, RULE_DESCRIPTIONS } from '../../authoring/lint/finding';
import type { LintRun } from '../runs/lint-files';
import { type CiFile, type CiRule, type CiRun, collectRules } from './ci-model';

/** How to fix what each lint rule reports, for SARIF `rules[].help`. */
const LINT_HELP: Partial<Record<string, string>> = {
  json: 'Make the file one JSON object: the JSON Schema of the resource properties.',
  'file-name': 'Name the file after typeName as the registry does (AWS::S3::Bucket -> aws-s3-bucket.json), or fix typeName.',
  placeholder: 'Use a known placeholder ($<accountID>, $<region>, $<partition>, ...) or $<param:NAME>; the Hook refuses a template with an unknown one.',
  keyword: 'Correct the misspelt keyword: the engine refuses the template rather than silently skipping the check.',
  compile: 'Fix the schema so that it compiles under the engine\'s strict settings (the message names the problem).',
  gating: 'Close the object with "additionalProperties": false, or declare it intentionally open with "x-rcfge": {"open": "why"}.',
  pattern: 'Rewrite the pattern without nested unbounded quantifiers or lookaround, or make it valid.',
  'registry-property': 'Use the property name the registry schema has (see the hint), or remove the property.',
  'read-only': 'Remove the read-only property: CloudFormation never sends it, so the gate is dead.',
  'required-undefined': 'Define the required property in "properties" of the closed object, or drop it from "required".',
  'typeless-const': 'Add "type" ("boolean" or "number") beside the const/enum so the string CloudFormation sends is coerced.',
  'param-undefined': 'Add the parameter to the params file and to the Hook\'s TemplateParameters, or fix its name in the template.',
  'param-unused': 'Remove the value, or fix the name of the $<param:NAME> that should use it.',
};

function title(rule: string): string {
  return RULE_DESCRIPTIONS[rule as LintRule] ?? rule;
}

function ciRule(id: string): CiRule {
  return { id, title: title(id), help: LINT_HELP[id] ?? `Make the template satisfy: ${title(id)}.` };
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

function finding(f: LintFinding) {
  return {
    ruleId: f.rule,
    level: LEVEL[f.severity],
    message: `${f.path || '/'}: ${f.message}`,
    ...(f.line !== undefined ? { line: f.line } : {}),
    ...(f.column !== undefined ? { column: f.column } : {}),
    logical: { name: f.path || '/', fullyQualifiedName: f.path || '/', kind: 'member' },
  };
}

/** One test case per template file; it fails on any error (warnings and declared-open notes are output, not failures). */
export function lintCiRun(run: LintRun): CiRun {
  const files: CiFile[] = [];
  const byFile = new Map<string, LintFinding[]>();
  for (const f of run.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const names = [...run.templates, ...[...byFile.keys()].filter((f) => !run.templates.includes(f))];
  for (const file of names) {
    const own = byFile.get(file) ?? [];
    const failed = own.some((f) => f.severity === 'error');
    files.push({ kind: 'checked', file, cases: [{ name: file, status: failed ? 'fail' : 'pass', findings: own.map(finding) }] });
  }
  for (const e of run.errors) files.push({ kind: 'error', file: e.file, message: e.message });
  return { command: 'rcfge lint', files, rules: collectRules(files, ciRule) };
}

export function lintRuleTitle(id: string): string {
  return title(id);
}
