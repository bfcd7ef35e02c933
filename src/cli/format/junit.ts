import type { CiFile, CiRun } from './ci-model';

/** XML attribute/text escaping; control characters XML 1.0 cannot carry become spaces. */
export function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xml(String(v))}"`)
    .join('');
}

function suite(file: CiFile): string[] {
  if (file.kind === 'skipped') {
    return [`  <testsuite${attrs({ name: file.file, tests: 1, failures: 0, errors: 0, skipped: 1 })}>`, `    <testcase${attrs({ classname: file.file, name: file.file, file: file.file })}>`, `      <skipped${attrs({ message: file.reason })}/>`, '    </testcase>', '  </testsuite>'];
  }
  if (file.kind === 'error') {
    return [
      `  <testsuite${attrs({ name: file.file, tests: 1, failures: 0, errors: 1, skipped: 0 })}>`,
      `    <testcase${attrs({ classname: file.file, name: file.file, file: file.file, line: file.line })}>`,
      `      <error${attrs({ message: file.message, type: 'input-error' })}/>`,
      '    </testcase>',
      '  </testsuite>',
    ];
  }
  const count = (status: string) => file.cases.filter((c) => c.status === status).length;
  const lines = [`  <testsuite${attrs({ name: file.file, tests: file.cases.length, failures: count('fail'), errors: 0, skipped: count('skip') })}>`];
  for (const c of file.cases) {
    const head = `    <testcase${attrs({ classname: file.file, name: c.name, file: file.file, line: c.line })}`;
    if (c.status === 'pass' && c.findings.length === 0) {
      lines.push(`${head}/>`);
      continue;
    }
    lines.push(`${head}>`);
    if (c.status === 'skip') lines.push(`      <skipped${attrs({ message: c.skipReason ?? 'skipped' })}/>`);
    const failing = c.findings.filter((f) => f.level === 'error');
    if (c.status === 'fail' && failing.length > 0) {
      const body = failing.map((f) => `${file.file}${f.line === undefined ? '' : `:${f.line}`}: [${f.ruleId}] ${f.message}`).join('\n');
      lines.push(`      <failure${attrs({ message: failing[0].message, type: failing[0].ruleId })}>${xml(body)}</failure>`);
    }
    const other = c.findings.filter((f) => f.level !== 'error');
    if (other.length > 0) lines.push(`      <system-out>${xml(other.map((f) => `${f.level} [${f.ruleId}] ${f.message}`).join('\n'))}</system-out>`);
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>');
  return lines;
}

/**
 * JUnit XML as CI servers read it (Jenkins, GitLab, Azure DevOps): one suite per file, one
 * test case per checked item, findings as `<failure>`, a file that could not be checked as
 * an `<error>`. No timestamps or durations: the same input gives the same bytes.
 */
export function formatJunit(run: CiRun): string {
  const suites = run.files.flatMap(suite);
  const cases = run.files.map((f) => (f.kind === 'checked' ? f.cases.length : 1)).reduce((a, b) => a + b, 0);
  const failures = run.files.map((f) => (f.kind === 'checked' ? f.cases.filter((c) => c.status === 'fail').length : 0)).reduce((a, b) => a + b, 0);
  const errors = run.files.filter((f) => f.kind === 'error').length + (run.fatal ? 1 : 0);
  const skipped = run.files.map((f) => (f.kind === 'checked' ? f.cases.filter((c) => c.status === 'skip').length : f.kind === 'skipped' ? 1 : 0)).reduce((a, b) => a + b, 0);
  if (run.fatal) {
    suites.push(`  <testsuite${attrs({ name: run.command, tests: 1, failures: 0, errors: 1, skipped: 0 })}>`, `    <testcase${attrs({ classname: run.command, name: 'run' })}>`, `      <error${attrs({ message: run.fatal, type: 'run-error' })}/>`, '    </testcase>', '  </testsuite>');
  }
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attrs({ name: run.command, tests: cases + (run.fatal ? 1 : 0), failures, errors, skipped })}>`, ...suites, '</testsuites>'].join('\n');
}
