export type Severity = 'error' | 'warning' | 'info';

/** One lint result. `path` is a JSON Pointer into the template ('' = the whole file). */
export interface LintFinding {
  readonly file: string;
  readonly path: string;
  readonly rule: LintRule;
  readonly message: string;
  readonly severity: Severity;
  /** 1-based position in the file, when the finding has one (JSON syntax errors). */
  readonly line?: number;
  readonly column?: number;
}

export type LintRule =
  | 'param-undefined'
  | 'param-unused'
  | 'json'
  | 'file-name'
  | 'placeholder'
  | 'keyword'
  | 'compile'
  | 'gating'
  | 'pattern'
  | 'registry-property'
  | 'read-only'
  | 'registry-schema'
  | 'required-undefined'
  | 'typeless-const'
  | 'rule-missing'
  | 'rule-id'
  | 'string-form'
  | 'create-only'
  | 'iam-catalogue';

export const RULE_DESCRIPTIONS: Record<LintRule, string> = {
  'param-undefined': 'every $<param:NAME> has a value in the --params-file (TemplateParameters)',
  'param-unused': 'every value of the --params-file is used by some template (a typo leaves a $<param:NAME> without value)',
  json: 'the template is a JSON object',
  'file-name': 'the file name is the registry file name of typeName',
  placeholder: 'only known placeholders ($<accountID>, $<param:NAME>, ...)',
  keyword: 'every keyword is known (a misspelt keyword silently disables a check)',
  compile: 'the template compiles under the engine\'s strict settings',
  gating: 'every object schema is closed or declared open (x-rcfge open)',
  pattern: 'patterns are valid and cannot backtrack catastrophically',
  'registry-property': 'every property exists in the official registry schema',
  'read-only': 'no read-only registry property (never sent by CloudFormation)',
  'registry-schema': 'the official registry schema of the type is available',
  'required-undefined': 'every required name is defined in properties of the closed object (else nothing complies)',
  'typeless-const': 'a boolean/number const or enum has a type, so the string CloudFormation sends is coerced',
  'rule-missing': 'in a template that names its rules (x-rcfge id), every constraint is under a named rule',
  'rule-id': 'one rule id, one title',
  'create-only': 'a delete: deny template lists the create-only properties it approves (a change to one replaces, i.e. deletes, the resource)',
  'string-form': 'no string branch around a closed object (its text would not be judged by the object\'s rules)',
  'iam-catalogue': 'iam-actions.json is a valid IAM catalogue, present when a template uses policyStatement',
};

export function isError(finding: LintFinding): boolean {
  return finding.severity === 'error';
}

export type RuleFinding = Omit<LintFinding, 'file'>;
