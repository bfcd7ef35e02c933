import { resolveResource } from './resolve';
import type { ResolveContext, ResolvedResource, StackResource, StackTemplate } from './types';

/** One way CloudFormation may resolve a resource: the branch taken for each undecidable condition. */
export interface ResolvedBranch {
  /** Condition name -> the value assumed for it (empty when nothing had to be assumed). */
  readonly choices: Readonly<Record<string, boolean>>;
  readonly resolved: ResolvedResource;
}

export interface Branches {
  /** At least one; exactly one (no choices) when every `Fn::If` could be decided. */
  readonly branches: readonly ResolvedBranch[];
  /**
   * Conditions left undecided because exploring them would exceed the limit: their
   * `Fn::If` values stay unresolved in the single branch returned.
   */
  readonly unexplored: readonly string[];
}

/** Default cap on the number of branch combinations checked per resource. */
export const MAX_BRANCHES = 16;

/**
 * Resolves a resource once per combination of branches of its undecidable `Fn::If`s, so
 * that each branch is checked (cfn-lint does the same) instead of neither. Conditions are
 * fixed one at a time and the rest re-evaluated, so a condition defined from another one
 * (`IsDev: !Not [!Condition IsProd]`) follows the choice instead of doubling the count.
 * Beyond `limit` combinations, returns the plain resolution with those values unresolved.
 */
export function resolveBranches(template: StackTemplate, resource: StackResource, ctx: ResolveContext, limit = MAX_BRANCHES): Branches {
  const base = resolveResource(template, resource, ctx);
  if (base.undecidedConditions.length === 0) return { branches: [{ choices: {}, resolved: base }], unexplored: [] };
  const leaves: ResolvedBranch[] = [];
  const pending: ResolvedBranch[] = [{ choices: {}, resolved: base }];
  while (pending.length > 0) {
    const branch = pending.shift() as ResolvedBranch;
    const [next] = branch.resolved.undecidedConditions;
    if (next === undefined) {
      leaves.push(branch);
      continue;
    }
    if (leaves.length + pending.length + 2 > limit) return { branches: [{ choices: {}, resolved: base }], unexplored: base.undecidedConditions };
    for (const value of [true, false]) {
      const choices = { ...branch.choices, [next]: value };
      pending.push({ choices, resolved: resolveResource(template, resource, ctx, { conditionOverrides: choices }) });
    }
  }
  return { branches: leaves, unexplored: [] };
}

/** `IsProd is false, HasKey is true`: how a finding says under which branch it occurs. */
export function describeChoices(choices: Readonly<Record<string, boolean>>): string {
  return Object.entries(choices)
    .map(([name, value]) => `${name} is ${value}`)
    .join(', ');
}
