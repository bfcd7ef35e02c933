import type { Operation, VerdictKind } from '../../engine/enforcer';
import type { Finding } from '../../engine/findings';

export type ResourceStatus = 'PASS' | 'FAIL' | 'SKIP';

/**
 * Why a resource got its status: the engine's verdict kind; `skipped` for resources the Hook
 * never sees; `not-judged` for what the Hook will judge but the template alone cannot show
 * (resources a macro may rewrite, loops over values known only at deploy time).
 */
export type ResultKind = VerdictKind | 'skipped' | 'not-judged';

/** One violation (with its rule), located in the stack template. */
export interface LocatedFinding extends Finding {
  /** 1-based line in the stack template (the value's own line, else its nearest ancestor's). */
  readonly line: number;
}

export interface ResourceResult {
  readonly logicalId: string;
  readonly type: string;
  readonly status: ResourceStatus;
  readonly kind: ResultKind;
  /** Line of the logical ID. */
  readonly line: number;
  /** The template that decided (path relative to the working directory, or s3:// URL); null when there is none. */
  readonly template: string | null;
  readonly findings: readonly LocatedFinding[];
  /** Values known only at deploy time: never judged. */
  readonly unresolved: readonly string[];
  /** The Hook's message for this resource (what the CloudFormation console would show). */
  readonly message?: string;
  /** For SKIP: why the Hook never sees this resource. */
  readonly reason?: string;
  readonly remediation?: string;
}

/** Everything a formatter needs; formatters render it and decide nothing. */
export interface ValidationReport {
  /** The stack template as the user named it (relative to the working directory). */
  readonly file: string;
  readonly operation: Operation;
  readonly compliant: boolean;
  readonly resources: readonly ResourceResult[];
  /** Things the user should know that are not findings (e.g. macros that are not expanded). */
  readonly notes: readonly string[];
}

export interface Summary {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** Among the skipped: what the Hook will judge but the template alone cannot show (kind `not-judged`). */
  readonly notJudged: number;
}

export function summarize(report: ValidationReport): Summary {
  const count = (status: ResourceStatus) => report.resources.filter((r) => r.status === status).length;
  const notJudged = report.resources.filter((r) => r.kind === 'not-judged').length;
  return { total: report.resources.length, passed: count('PASS'), failed: count('FAIL'), skipped: count('SKIP'), notJudged };
}
