import { type Expectation, type HookMode, TARGET_OPERATIONS } from './types';

/** Raised when the expectation is incomplete or invalid: a usage error for the CLI. */
export class ExpectationError extends Error {
  override readonly name = 'ExpectationError';
}

/** What the audit expects when nobody says otherwise: the protective settings. */
export const POLICY_DEFAULTS = {
  failureMode: 'FAIL',
  missingTemplateAction: 'FAIL',
  targetOperations: [...TARGET_OPERATIONS],
} as const;

/**
 * Settings by their member-stack parameter names (`HookMode`, `TemplateBucket`, ...), as the
 * StackSet, the Config rule's input parameters and the CLI flags give them. Later sources win.
 */
export type Settings = Partial<Record<
  'HookMode' | 'FailureMode' | 'TargetOperations' | 'TemplateBucket' | 'TemplatePrefix' | 'TemplateBucketOwner' | 'TemplateBucketRegion' | 'MissingTemplateAction' | 'ArtifactsPrefix',
  string
>>;

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback?: T): T {
  const v = value ?? fallback;
  if (v === undefined) throw new ExpectationError(`${name} is not known: pass it, or read it from the StackSet`);
  if (!(allowed as readonly string[]).includes(v)) throw new ExpectationError(`${name} "${v}" is not one of ${allowed.join(', ')}`);
  return v as T;
}

function required(name: string, value: string | undefined, pattern: RegExp): string {
  if (value === undefined || value === '') throw new ExpectationError(`${name} is not known: pass it, or read it from the StackSet`);
  if (!pattern.test(value)) throw new ExpectationError(`${name} "${value}" is not valid`);
  return value;
}

/**
 * The expectation from merged settings. FailureMode and MissingTemplateAction default to the
 * protective values (FAIL), not to whatever the StackSet currently deploys: a StackSet left at
 * WARN after a pilot is exactly what the canary must report. Pass them explicitly to accept
 * another value (a pilot in WARN).
 */
export function expectationFrom(deployed: Settings, overrides: Settings): Expectation {
  const policy: Settings = { FailureMode: POLICY_DEFAULTS.failureMode, MissingTemplateAction: POLICY_DEFAULTS.missingTemplateAction };
  const s: Settings = { ...deployed, ...policy, ...overrides };
  const operations = (s.TargetOperations ?? POLICY_DEFAULTS.targetOperations.join(',')).split(',').map((o) => o.trim()).filter(Boolean);
  const unknownOperation = operations.find((o) => !(TARGET_OPERATIONS as readonly string[]).includes(o));
  if (unknownOperation !== undefined || operations.length === 0) {
    throw new ExpectationError(`TargetOperations "${s.TargetOperations}" must list some of ${TARGET_OPERATIONS.join(', ')}`);
  }
  return {
    hookMode: oneOf<HookMode>('HookMode', s.HookMode, ['Lambda', 'Registered'], 'Lambda'),
    failureMode: oneOf('FailureMode', s.FailureMode, ['FAIL', 'WARN']),
    targetOperations: operations,
    templateBucket: required('TemplateBucket', s.TemplateBucket, /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/),
    templatePrefix: s.TemplatePrefix ?? '',
    templateBucketOwner: required('TemplateBucketOwner', s.TemplateBucketOwner, /^\d{12}$/),
    templateBucketRegion: required('TemplateBucketRegion', s.TemplateBucketRegion, /^[a-z]{2}(-[a-z]+)+-\d$/),
    missingTemplateAction: oneOf('MissingTemplateAction', s.MissingTemplateAction, ['FAIL', 'ALLOW']),
    ...(s.ArtifactsPrefix === undefined || s.ArtifactsPrefix === '' ? {} : { release: s.ArtifactsPrefix }),
  };
}
