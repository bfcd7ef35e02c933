import type { Node } from '../engine/regex/ast';
import { parseJavaPattern } from '../engine/regex/java-parser';

/** CloudFormation property names are letters and digits (every registry schema keeps to it). */
const NAME_CHARACTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'].map((c) => c.codePointAt(0) as number);

/** Whether the pattern node can match some string of letters and digits (the empty one included); true when unsure. */
function canMatchName(node: Node): boolean {
  switch (node.kind) {
    case 'chars':
      return NAME_CHARACTERS.some((cp) => node.chars.has(cp));
    case 'seq':
      return node.items.every(canMatchName);
    case 'alt':
      return node.branches.some(canMatchName);
    case 'group':
    case 'atomic':
      return canMatchName(node.body);
    case 'repeat':
      return node.min === 0 || canMatchName(node.body);
    default:
      // Anchors and word boundaries are zero-width; a lookaround can exclude names this
      // analysis cannot see (`(?!NewFeature$)`), and a back-reference repeats what matched.
      return true;
  }
}

/**
 * Whether a `patternProperties` pattern may admit a name CloudFormation could give a
 * property (letters and digits): `.*`, `""`, `Configuration$` and `^(?!Tags$)` do;
 * `^tag:[a-z]+$` does not. Conservative: where the pattern cannot be analysed, it may.
 * Probing with sample names is not enough: a pattern can avoid any fixed sample.
 */
export function admitsPropertyNames(pattern: string): boolean {
  try {
    return canMatchName(parseJavaPattern(pattern));
  } catch {
    return true;
  }
}
