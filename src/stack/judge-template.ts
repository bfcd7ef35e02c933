import { describeChoices, lineOf, prepareStack, type ResolveContext, type ResolvedBranch, type ResolvedResource, resolveBranches, resolveResource, type StackResource, type StackTemplate } from '../cfn';
import type { Enforcer, Operation, Verdict } from '../engine/enforcer';
import type { Finding } from '../engine/findings';
import type { PlaceholderContext } from '../engine/placeholders';
import { mapLimit } from './limit';
import { skipReason } from './skip';

/** A finding with the line of its value in the stack template. */
export type LocatedFinding = Finding & { readonly line: number };

/** One way CloudFormation may resolve a resource, and the engine's verdict on it. */
export interface JudgedBranch {
  /** Condition name -> value assumed for it (empty when nothing had to be assumed). */
  readonly choices: Readonly<Record<string, boolean>>;
  readonly resolved: ResolvedResource;
  readonly verdict: Verdict;
  readonly findings: readonly LocatedFinding[];
}

/** A resource the Hook never sees (custom resource, SAM, false Condition, retained on delete). */
export interface SkippedResource {
  readonly kind: 'skipped';
  readonly resource: StackResource;
  readonly resolved: ResolvedResource;
  readonly reason: string;
}

export interface JudgedResource {
  readonly kind: 'judged';
  readonly resource: StackResource;
  /** At least one; one per combination of undecidable `Fn::If` conditions. */
  readonly branches: readonly JudgedBranch[];
  /** The first failing branch, or the only one. */
  readonly deciding: JudgedBranch;
  /** Conditions with too many combinations to explore: their `Fn::If` values were not judged. */
  readonly unexplored: readonly string[];
}

/**
 * Something the Hook will judge at deploy time that the template alone cannot show: the
 * resources of a template a macro may rewrite, a loop whose collection is unknown.
 */
export interface NotJudgedResource {
  readonly kind: 'not-judged';
  readonly logicalId: string;
  readonly type: string;
  readonly line: number;
  readonly reason: string;
}

export type ResourceJudgement = SkippedResource | JudgedResource | NotJudgedResource;

/** What judging a stack template needs from its caller (the Hook's STACK target, `rcfge validate`). */
export interface TemplateRun {
  readonly enforcer: Enforcer;
  readonly resolve: ResolveContext;
  readonly operation: Operation;
  readonly placeholders: (resource: StackResource) => PlaceholderContext;
  /** Resources judged at once (so at most this many template fetches in flight). */
  readonly concurrency?: number;
}

const DEFAULT_CONCURRENCY = 8;

/** Findings about the template itself (missing, invalid, delete denied) belong to the resource's own line. */
function locate(verdict: Verdict, template: StackTemplate, resolved: ResolvedResource): LocatedFinding[] {
  const byTemplate = verdict.kind !== 'noncompliant';
  return verdict.findings.map((finding) => ({ ...finding, line: byTemplate ? resolved.line : lineOf(template, resolved.logicalId, finding.path, resolved) }));
}

async function judgeBranch(run: TemplateRun, template: StackTemplate, resource: StackResource, branch: ResolvedBranch): Promise<JudgedBranch> {
  const { resolved } = branch;
  const target = { typeName: resource.type, logicalId: resource.logicalId, operation: run.operation, properties: resolved.properties ?? {}, unresolved: resolved.unresolved };
  const ctx = run.placeholders(resource);
  // A warm runtime holds the template: no promise per resource.
  const verdict = run.enforcer.checkCached(target, ctx) ?? (await run.enforcer.check(target, ctx));
  return { choices: branch.choices, resolved, verdict, findings: locate(verdict, template, resolved) };
}

function branchesOf(run: TemplateRun, template: StackTemplate, resource: StackResource): { branches: readonly ResolvedBranch[]; unexplored: readonly string[] } {
  // A delete checks no properties: one resolution is enough.
  if (run.operation === 'DELETE') return { branches: [{ choices: {}, resolved: resolveResource(template, resource, run.resolve) }], unexplored: [] };
  return resolveBranches(template, resource, run.resolve);
}

async function judgeResource(run: TemplateRun, template: StackTemplate, resource: StackResource): Promise<ResourceJudgement> {
  const { branches, unexplored } = branchesOf(run, template, resource);
  const first = branches[0].resolved;
  const reason = skipReason(first, resource.condition, run.operation);
  if (reason !== undefined) return { kind: 'skipped', resource, resolved: first, reason };
  const judged = await Promise.all(branches.map((branch) => judgeBranch(run, template, resource, branch)));
  const deciding = judged.find((j) => j.verdict.status === 'FAIL') ?? judged[0];
  return { kind: 'judged', resource, branches: judged, deciding, unexplored };
}

/**
 * The Hook's engine on every resource of a stack template, in template order: intrinsics
 * resolved by src/cfn, each undecidable `Fn::If` branch judged, values unknown before
 * deployment left unjudged. Used by `rcfge validate` and the Hook's STACK target alike.
 * Throws CfnTemplateError when a function with known inputs has no result.
 */
export async function judgeTemplate(template: StackTemplate, run: TemplateRun): Promise<ResourceJudgement[]> {
  // What the Hook will see: language extensions expanded; nothing judged that a macro may rewrite.
  const prepared = prepareStack(template, run.resolve);
  const judgeable = prepared.template.resources.filter((r) => !prepared.unjudgeable.has(r.logicalId));
  const judged: ResourceJudgement[] = await mapLimit(judgeable, run.concurrency ?? DEFAULT_CONCURRENCY, (resource) => judgeResource(run, prepared.template, resource));
  const notJudged: ResourceJudgement[] = prepared.notJudged.map((n) => ({ kind: 'not-judged', ...n }));
  // In template order (sort is stable: resources keep theirs).
  return [...judged, ...notJudged].sort((a, b) => lineOfJudgement(a) - lineOfJudgement(b));
}

function lineOfJudgement(judgement: ResourceJudgement): number {
  return judgement.kind === 'not-judged' ? judgement.line : judgement.resource.line;
}

/** `(when IsProd is true; or when IsProd is false, HasKey is true)`. */
export function whenText(branches: readonly JudgedBranch[]): string {
  return ` (when ${branches.map((b) => describeChoices(b.choices)).join('; or when ')})`;
}

/**
 * The union of the findings of every branch. A finding that every branch has is shown once
 * as it is; one that only some have says under which choices it occurs.
 */
export function mergeFindings(judged: JudgedResource): LocatedFinding[] {
  const all = judged.branches;
  const byKey = new Map<string, { finding: LocatedFinding; in: JudgedBranch[] }>();
  for (const branch of all) {
    for (const finding of branch.findings) {
      const key = `${finding.path}\u0000${finding.keyword}\u0000${finding.message}`;
      const entry = byKey.get(key) ?? { finding, in: [] };
      entry.in.push(branch);
      byKey.set(key, entry);
    }
  }
  const merged = [...byKey.values()].map(({ finding, in: where }) => (where.length === all.length ? finding : { ...finding, message: `${finding.message}${whenText(where)}` }));
  // Line order within a resource; sort is stable, so findings on one line keep the engine's order.
  return merged.sort((a, b) => a.line - b.line);
}

/** Values known only at deploy time, over every branch. */
export function unresolvedOf(judged: JudgedResource): string[] {
  return [...new Set(judged.branches.flatMap((b) => b.resolved.unresolved))];
}
