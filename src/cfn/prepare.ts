import { expandLanguageExtensions, LANGUAGE_EXTENSIONS } from './language-extensions';
import type { ResolveContext, StackTemplate } from './types';

/** Transforms whose output validate knows: it expands the first, skips what the second makes, and the third only inserts text. */
export const UNDERSTOOD_TRANSFORMS: readonly string[] = [LANGUAGE_EXTENSIONS, 'AWS::Serverless-2016-10-31', 'AWS::Include'];

/** Something the Hook will judge at deploy time that cannot be judged from the template alone. */
export interface NotJudged {
  readonly logicalId: string;
  /** The resource type, or what a loop's fragment names; `(Fn::ForEach)` when it names none literally. */
  readonly type: string;
  readonly line: number;
  readonly reason: string;
}

export interface PreparedStack {
  /** The template the Hook's resources come from: language extensions applied. */
  readonly template: StackTemplate;
  /** Resources (and loops) that are not judged, with the reason; the template's resources minus these are judged. */
  readonly notJudged: readonly NotJudged[];
  /** Logical IDs of resources that must not be judged (a macro may rewrite them). */
  readonly unjudgeable: ReadonlySet<string>;
}

/** Transforms of the template that are macros: code that may rewrite anything before the Hook sees it. */
export function macrosOf(template: StackTemplate): string[] {
  return template.transforms.filter((name) => !UNDERSTOOD_TRANSFORMS.includes(name));
}

/**
 * The template as the Hook will see its resources, and what cannot be judged from it: every
 * resource of a template whose Transform names a macro (its input is not what gets deployed),
 * and every loop whose collection is unknown before deployment.
 */
export function prepareStack(template: StackTemplate, ctx: ResolveContext): PreparedStack {
  const macros = macrosOf(template);
  if (macros.length > 0) {
    const reason = `not judged: the template's Transform names the macro ${macros.join(', ')}, which may rewrite its resources before the Hook sees them (the Hook judges what the macro makes at deploy time)`;
    const notJudged = template.resources.map((r) => ({ logicalId: r.logicalId, type: r.type, line: r.line, reason }));
    return { template, notJudged, unjudgeable: new Set(template.resources.map((r) => r.logicalId)) };
  }
  const { template: expanded, unexpanded } = expandLanguageExtensions(template, ctx);
  const notJudged = unexpanded.map((loop) => ({ logicalId: loop.name, type: loop.type ?? '(Fn::ForEach)', line: loop.line, reason: `not judged: ${loop.reason}` }));
  return { template: expanded, notJudged, unjudgeable: new Set() };
}
