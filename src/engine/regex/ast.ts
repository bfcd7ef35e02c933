import type { CharClass } from './char-class';

/**
 * A java.util.regex pattern after parsing: flags are already applied (a letter under (?i)
 * is the class of its cases, `.` is the class Java's flags give it, `$` is the anchor the
 * flags select), so emitting it for V8 or RE2 needs no knowledge of Java.
 */
export type Anchor =
  /** `^` without MULTILINE, `\A`, `\G` (where a search starts: the beginning). */
  | 'begin'
  /** `\z`. */
  | 'end'
  /** `$` without MULTILINE, `\Z`: the end, or before a line terminator that ends the input. */
  | 'dollar'
  /** The same with UNIX_LINES: only `\n` is a line terminator. */
  | 'unix-dollar'
  /** `$` with MULTILINE: before any line terminator (not between `\r` and `\n`), or at the end. */
  | 'line-end'
  | 'unix-line-end'
  /** `^` with MULTILINE: after a line terminator (not between `\r` and `\n`), never at the end of input. */
  | 'line-start'
  | 'unix-line-start';

export type Node =
  | { readonly kind: 'chars'; readonly chars: CharClass }
  | { readonly kind: 'seq'; readonly items: readonly Node[] }
  | { readonly kind: 'alt'; readonly branches: readonly Node[] }
  /** Java group number when capturing. */
  | { readonly kind: 'group'; readonly capture?: number; readonly body: Node }
  | { readonly kind: 'look'; readonly behind: boolean; readonly negate: boolean; readonly body: Node }
  | { readonly kind: 'atomic'; readonly body: Node }
  | { readonly kind: 'repeat'; readonly min: number; readonly max: number; readonly mode: 'greedy' | 'lazy' | 'possessive'; readonly body: Node }
  | { readonly kind: 'anchor'; readonly anchor: Anchor }
  /** `\b` (`negate`: `\B`); Java 17 counts letters and digits of every script as word characters. */
  | { readonly kind: 'word-boundary'; readonly negate: boolean; readonly unicodeClass: boolean }
  | { readonly kind: 'backref'; readonly group: number };

export const EMPTY: Node = { kind: 'seq', items: [] };

/** Nodes that can only match the empty string. */
export function zeroWidth(node: Node): boolean {
  switch (node.kind) {
    case 'anchor':
    case 'word-boundary':
    case 'look':
      return true;
    case 'seq':
      return node.items.every(zeroWidth);
    case 'alt':
      return node.branches.every(zeroWidth);
    case 'group':
    case 'atomic':
      return zeroWidth(node.body);
    case 'repeat':
      return node.max === 0 || zeroWidth(node.body);
    default:
      return false;
  }
}

export function children(node: Node): readonly Node[] {
  switch (node.kind) {
    case 'seq':
      return node.items;
    case 'alt':
      return node.branches;
    case 'group':
    case 'look':
    case 'atomic':
    case 'repeat':
      return [node.body];
    default:
      return [];
  }
}

export function some(node: Node, test: (n: Node) => boolean): boolean {
  return test(node) || children(node).some((child) => some(child, test));
}
