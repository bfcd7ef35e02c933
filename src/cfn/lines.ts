import { childPointer, pointerAndAncestors, pointerTokens } from './pointer';
import type { ResolvedResource, StackTemplate } from './types';

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
