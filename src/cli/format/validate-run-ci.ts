import type { LocatedFinding, ResourceResult } from '../validate/model';
import { type CiFile, type CiFinding, type CiRule, type CiRun, collectRules } from './ci-model';
import type { ValidateRun } from './validate-run';

/** How to comply, per engine rule, where the template gives no remediation of its own (SARIF `rules[].help`). */
const HELP: Readonly<Record<string, string>> = {
  'RCFGE.template-not-approved': 'Use an approved resource type, or ask the security team to publish a restricted template for this type.',
  'RCFGE.template-invalid': 'The security team must fix the template (rcfge lint names the problem) and publish it again; until then the Hook refuses every resource of this type.',
  'RCFGE.delete-denied': 'Keep the resource (the template protects it: x-rcfge delete deny), or ask the security team to allow its removal.',
  'RCFGE.additionalProperties': 'Remove the property, or ask the security team to approve it in the restricted template.',
  'RCFGE.unevaluatedProperties': 'Remove the property, or ask the security team to approve it in the restricted template.',
  'RCFGE.false-schema': 'Remove the property: the template forbids it.',
  'RCFGE.required': 'Add the property the template requires, with an approved value.',
};

const DEFAULT_HELP = 'Change the value so that it satisfies the template (the message says what is approved), or ask the security team to change the template.';

function finding(resource: ResourceResult, f: LocatedFinding): CiFinding {
  return {
    ruleId: f.rule,
    level: 'error',
    message: `${resource.logicalId} (${resource.type})${f.path ? ` ${f.path}` : ''}: ${f.message}`,
    line: f.line,
    logical: { name: resource.logicalId, fullyQualifiedName: `Resources/${resource.logicalId}`, kind: 'resource' },
    properties: { logicalId: resource.logicalId, type: resource.type, path: f.path, keyword: f.keyword, template: resource.template },
  };
}

/** Rule titles and help: the finding's own (x-rcfge title and remediation), else the engine rule's help. */
function rulesOf(run: ValidateRun): Map<string, CiRule> {
  const rules = new Map<string, CiRule>();
  for (const outcome of run.outcomes) {
    if (outcome.kind !== 'report') continue;
    for (const r of outcome.report.resources) {
      for (const f of r.findings) {
        if (rules.has(f.rule)) continue;
        rules.set(f.rule, { id: f.rule, title: f.title, help: f.remediation ?? HELP[f.rule] ?? DEFAULT_HELP, ...(f.controls ? { controls: f.controls } : {}) });
      }
    }
  }
  return rules;
}

export function validateCiRun(run: ValidateRun): CiRun {
  const files: CiFile[] = run.outcomes.map((o) => {
    if (o.kind !== 'report') return o;
    return {
      kind: 'checked',
      file: o.file,
      cases: o.report.resources.map((r) => ({
        name: `${r.logicalId} (${r.type})`,
        line: r.line,
        status: r.status === 'PASS' ? 'pass' : r.status === 'FAIL' ? 'fail' : 'skip',
        findings: r.findings.map((f) => finding(r, f)),
        ...(r.reason ? { skipReason: r.reason } : {}),
      })),
    };
  });
  const rules = rulesOf(run);
  return { command: 'rcfge validate', files, rules: collectRules(files, (id) => rules.get(id)!), ...(run.fatal ? { fatal: run.fatal } : {}) };
}
