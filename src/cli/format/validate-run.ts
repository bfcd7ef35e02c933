import type { Operation } from '../../engine/enforcer';
import { type ResourceStatus, type ValidationReport } from '../validate/model';

/** What one file of a `rcfge validate` run came to. */
export type FileOutcome =
  | { readonly kind: 'report'; readonly file: string; readonly report: ValidationReport }
  /** Not judged: unreadable, invalid, a reference to nothing, a missing $<param:NAME> (exit 2). */
  | { readonly kind: 'error'; readonly file: string; readonly message: string; readonly line?: number; readonly column?: number }
  /** Found in a folder or by a glob but not a CloudFormation template. */
  | { readonly kind: 'skipped'; readonly file: string; readonly reason: string };

/** A value of the deployment context and where it came from (flag, config file, default). */
export interface ContextValue {
  readonly value: string | undefined;
  readonly from: string;
}

export interface ValidateRun {
  readonly outcomes: readonly FileOutcome[];
  readonly operation: Operation;
  readonly context: { readonly account: ContextValue; readonly region: ContextValue; readonly stackName: ContextValue };
  /** The run stopped: nothing more was judged (template store unreachable). */
  readonly fatal?: string;
}

export function reportsOf(run: ValidateRun): ValidationReport[] {
  return run.outcomes.flatMap((o) => (o.kind === 'report' ? [o.report] : []));
}

/** 2 when anything could not be judged, else 1 when anything fails, else 0: the worst of all files. */
export function exitCodeOf(run: ValidateRun): 0 | 1 | 2 {
  if (run.fatal || run.outcomes.some((o) => o.kind === 'error')) return 2;
  return reportsOf(run).every((r) => r.compliant) ? 0 : 1;
}

export interface RunSummary {
  readonly files: number;
  /** Compliant files in which something was judged. */
  readonly compliant: number;
  readonly nonCompliant: number;
  /** Files with no finding but no resource judged either (macros, custom or SAM resources only): never "compliant". */
  readonly nothingJudged: number;
  readonly errors: number;
  readonly skipped: number;
  readonly resources: { readonly total: number; readonly passed: number; readonly failed: number; readonly skipped: number; readonly notJudged: number };
}

export function summarizeRun(run: ValidateRun): RunSummary {
  const reports = reportsOf(run);
  const resources = reports.flatMap((r) => r.resources);
  const count = (status: ResourceStatus) => resources.filter((r) => r.status === status).length;
  const judged = (r: ValidationReport) => r.resources.some((resource) => resource.status !== 'SKIP');
  return {
    files: run.outcomes.length,
    compliant: reports.filter((r) => r.compliant && judged(r)).length,
    nothingJudged: reports.filter((r) => r.compliant && !judged(r)).length,
    nonCompliant: reports.filter((r) => !r.compliant).length,
    errors: run.outcomes.filter((o) => o.kind === 'error').length,
    skipped: run.outcomes.filter((o) => o.kind === 'skipped').length,
    resources: { total: resources.length, passed: count('PASS'), failed: count('FAIL'), skipped: count('SKIP'), notJudged: resources.filter((r) => r.kind === 'not-judged').length },
  };
}
