import type { Finding } from './findings';

/** CloudFormation shows at most 4,096 characters of a hook message, and 1,024 in summaries. */
export const MAX_MESSAGE_CHARS = 4096;
const MAX_REMEDIATION_CHARS = 600;
/** Rule remediations and the template's together. */
const MAX_REMEDIATIONS_CHARS = 1000;
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
 * One finding in the words of its rule, the same in the Hook's message, its annotations
 * and `rcfge validate`: `[RCFGE-EC2-1] SSH and RDP are not open to the internet:
 * /SecurityGroupIngress/2 (line 14) value 22 must be <= 21`. The line only where it is known.
 */
export function describeFinding(finding: Pick<Finding, 'rule' | 'title' | 'path' | 'message'>, line?: number): string {
  const at = line === undefined ? '' : ` (line ${line})`;
  return `[${finding.rule}] ${finding.title}: ${finding.path || '/'}${at} ${finding.message}`;
}

/**
 * What to do: each rule's own remediation once (`[ID] text`), then the template's.
 * A rule that repeats the template's text is not repeated.
 */
function remediationText(findings: readonly Finding[], template: string | undefined): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (f.remediation === undefined || f.remediation === template || seen.has(f.rule)) continue;
    seen.add(f.rule);
    parts.push(`[${f.rule}] ${clip(f.remediation, MAX_REMEDIATION_CHARS)}`);
  }
  if (template !== undefined) parts.push(clip(template, MAX_REMEDIATION_CHARS));
  return clip(parts.join(' '), MAX_REMEDIATIONS_CHARS);
}

/**
 * Resource, template and the first violations come first so that the 1,024-character
 * summary alone says what to fix; the remediation always fits at the end.
 */
export function violationMessage(report: ViolationReport, max = MAX_MESSAGE_CHARS): string {
  const count = report.findings.length;
  const head = `${report.typeName} ${report.logicalId} is not compliant with template ${report.template} (${count} violation${count === 1 ? '' : 's'}): `;
  const remedies = remediationText(report.findings, report.remediation);
  // In a short message (Cloud Control's 1,024) the violations keep most of the room.
  const tail = remedies ? ` Remediation: ${clip(remedies, Math.floor(max / 4))}` : '';
  const findingMax = Math.min(MAX_FINDING_CHARS, Math.floor(max / 3));
  const budget = max - head.length - tail.length - 1;
  const parts: string[] = [];
  let used = 0;
  let shown = 0;
  for (const finding of report.findings) {
    // One huge finding (an 800-value enum, a 5,000-character key) must not crowd out the rest.
    const part = clip(describeFinding(finding), findingMax);
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
  return clip(`${head}${parts.join('; ')}${suffix}.${tail}`, max);
}
