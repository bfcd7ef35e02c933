import type { Finding } from './findings';

/** CloudFormation shows at most 4,096 characters of a hook message, and 1,024 in summaries. */
export const MAX_MESSAGE_CHARS = 4096;
const MAX_REMEDIATION_CHARS = 600;

export interface ViolationReport {
  readonly typeName: string;
  readonly logicalId: string;
  readonly template: string;
  readonly findings: readonly Finding[];
  readonly remediation?: string;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Resource, template and the first violations come first so that the 1,024-character
 * summary alone says what to fix; the remediation always fits at the end.
 */
export function violationMessage(report: ViolationReport): string {
  const count = report.findings.length;
  const head = `${report.typeName} ${report.logicalId} is not compliant with template ${report.template} (${count} violation${count === 1 ? '' : 's'}): `;
  const tail = report.remediation ? ` Remediation: ${clip(report.remediation, MAX_REMEDIATION_CHARS)}` : '';
  const budget = MAX_MESSAGE_CHARS - head.length - tail.length;
  const parts: string[] = [];
  let used = 0;
  for (const [i, finding] of report.findings.entries()) {
    const part = `${finding.path || '/'}: ${finding.message}`;
    const more = `; and ${count - i} more (run rcfge validate for the full list)`;
    const separator = parts.length > 0 ? '; ' : '';
    const fitsWithRoomForMore = used + separator.length + part.length + (i < count - 1 ? more.length : 0) <= budget;
    if (!fitsWithRoomForMore) {
      parts.push(clip(more.slice(2), Math.max(0, budget - used - 2)));
      break;
    }
    parts.push(part);
    used += separator.length + part.length;
  }
  return clip(`${head}${parts.join('; ')}.${tail}`, MAX_MESSAGE_CHARS);
}
