import type { Finding } from './findings';

/** CloudFormation shows at most 4,096 characters of a hook message, and 1,024 in summaries. */
export const MAX_MESSAGE_CHARS = 4096;
const MAX_REMEDIATION_CHARS = 600;
const MAX_FINDING_CHARS = 600;

export interface ViolationReport {
  readonly typeName: string;
  readonly logicalId: string;
  readonly template: string;
  readonly findings: readonly Finding[];
  readonly remediation?: string;
}

/** Cuts to `max` characters, never through a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1])) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * Resource, template and the first violations come first so that the 1,024-character
 * summary alone says what to fix; the remediation always fits at the end.
 */
export function violationMessage(report: ViolationReport): string {
  const count = report.findings.length;
  const head = `${report.typeName} ${report.logicalId} is not compliant with template ${report.template} (${count} violation${count === 1 ? '' : 's'}): `;
  const tail = report.remediation ? ` Remediation: ${clip(report.remediation, MAX_REMEDIATION_CHARS)}` : '';
  const budget = MAX_MESSAGE_CHARS - head.length - tail.length - 1;
  const parts: string[] = [];
  let used = 0;
  let shown = 0;
  for (const finding of report.findings) {
    // One huge finding (an 800-value enum, a 5,000-character key) must not crowd out the rest.
    const part = clip(`${finding.path || '/'}: ${finding.message}`, MAX_FINDING_CHARS);
    const more = `; and ${count - shown - 1} more (run rcfge validate for the full list)`;
    const extra = (parts.length > 0 ? 2 : 0) + part.length;
    const reserve = shown < count - 1 ? more.length : 0;
    if (used + extra + reserve > budget && shown > 0) break;
    parts.push(part);
    used += extra;
    shown++;
  }
  const rest = count - shown;
  const suffix = rest > 0 ? `; and ${rest} more (run rcfge validate for the full list)` : '';
  return clip(`${head}${parts.join('; ')}${suffix}.${tail}`, MAX_MESSAGE_CHARS);
}
