import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import { childPointer, pointerAndAncestors, pointerTokens } from './pointer';
import type { ResolvedResource, StackTemplate } from './types';

/** Turns a source offset into a 1-based line. */
export type LineAt = (offset: number) => number;

export function lineAtFor(lineCounter: LineCounter): LineAt {
  return (offset) => lineCounter.linePos(offset).line;
}

/** Line of a node's first character, or `fallback` for nodes built in code (no range). */
export function nodeLine(node: unknown, lineAt: LineAt, fallback: number): number {
  const range = (node as Partial<Node> | null)?.range;
  return range ? lineAt(range[0]) : fallback;
}

export function keyText(key: unknown): string {
  return String(isScalar(key) ? key.value : key);
}

/**
 * Records the line of every value under `node`, keyed by JSON Pointer from `pointer`.
 * A mapping entry gets the line of its key (the value of a block mapping starts on
 * the next line, but the key is what a reader looks for); a sequence item its own line.
 * Aliases are not followed: their anchor's lines belong elsewhere, and the alias
 * line itself is what an ancestor lookup falls back to.
 */
export function collectLines(node: unknown, pointer: string, line: number, lineAt: LineAt, out: Map<string, number>): void {
  out.set(pointer, line);
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const child = childPointer(pointer, keyText(pair.key));
      collectLines(pair.value, child, nodeLine(pair.key, lineAt, line), lineAt, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      collectLines(item, childPointer(pointer, index), nodeLine(item, lineAt, line), lineAt, out);
    });
  }
}

/**
 * Maps a pointer into resolved properties back to the raw template's pointer, segment by
 * segment, so that values below a chosen `Fn::If` branch or a shifted array item still
 * find their own line.
 */
export function sourcePointer(sourcePointers: Record<string, string>, pointer: string): string {
  if (Object.keys(sourcePointers).length === 0) return pointer;
  let resolved = '';
  let source = Object.hasOwn(sourcePointers, '') ? sourcePointers[''] : '';
  for (const token of pointerTokens(pointer)) {
    resolved = childPointer(resolved, token);
    source = Object.hasOwn(sourcePointers, resolved) ? sourcePointers[resolved] : childPointer(source, token);
  }
  return source;
}

/**
 * Best line for a finding at `pointer` (relative to the resource's Properties): the value's
 * own line, else its nearest recorded ancestor's, else the logical ID's; 1 for an unknown
 * resource. Pass the `ResolvedResource` when the pointer came from resolved properties.
 */
export function lineOf(
  template: StackTemplate,
  logicalId: string,
  pointer: string,
  resolved?: Pick<ResolvedResource, 'sourcePointers'>,
): number {
  const lines = template.lines.get(logicalId);
  if (!lines) return 1;
  const raw = resolved ? sourcePointer(resolved.sourcePointers, pointer) : pointer;
  for (const candidate of pointerAndAncestors(raw)) {
    const line = lines.pointers.get(candidate);
    if (line !== undefined) return line;
  }
  return lines.line;
}
