/**
 * What CI formats (SARIF, JUnit, GitHub annotations) need from any rcfge check, whatever it
 * checks: files, the test cases in each (a resource of a stack, a template), findings with
 * their rule and line, files that could not be checked and files skipped. `validate` and
 * `lint` each map their reports onto it; the formatters decide nothing.
 */
export type CiLevel = 'error' | 'warning' | 'note';

export interface CiRule {
  readonly id: string;
  /** One line: what the rule wants. */
  readonly title: string;
  /** How to comply. */
  readonly help: string;
  /** Compliance controls the rule implements (x-rcfge controls). */
  readonly controls?: readonly string[];
}

export interface CiFinding {
  readonly ruleId: string;
  readonly level: CiLevel;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
  /** Logical location: a resource's logical ID, or a JSON Pointer in a template. */
  readonly logical?: { readonly name: string; readonly fullyQualifiedName: string; readonly kind: string };
  readonly properties?: Readonly<Record<string, unknown>>;
}

export interface CiCase {
  readonly name: string;
  readonly line?: number;
  readonly status: 'pass' | 'fail' | 'skip';
  readonly findings: readonly CiFinding[];
  readonly skipReason?: string;
}

export type CiFile =
  | { readonly kind: 'checked'; readonly file: string; readonly cases: readonly CiCase[] }
  /** The file could not be checked (unreadable, invalid YAML/JSON, a reference to nothing): exit 2. */
  | { readonly kind: 'error'; readonly file: string; readonly message: string; readonly line?: number; readonly column?: number }
  /** Found in a folder or by a glob, but not something this command checks. */
  | { readonly kind: 'skipped'; readonly file: string; readonly reason: string };

export interface CiRun {
  /** `rcfge validate`, `rcfge lint`. */
  readonly command: string;
  readonly files: readonly CiFile[];
  /** Every rule the findings use, in order of first use. */
  readonly rules: readonly CiRule[];
  /** The run stopped before judging (template store unreachable, bad configuration). */
  readonly fatal?: string;
}

/** Rules in order of first use, each once. */
export function collectRules(files: readonly CiFile[], ruleOf: (id: string) => CiRule): CiRule[] {
  const ids: string[] = [];
  for (const file of files) {
    if (file.kind !== 'checked') continue;
    for (const c of file.cases) for (const f of c.findings) if (!ids.includes(f.ruleId)) ids.push(f.ruleId);
  }
  return ids.map(ruleOf);
}
