import { type Alternation, type Atom, parseRegex } from '../engine/regex-ast';

/** CloudFormation property names are letters and digits (every registry schema keeps to it). */
const NAME_CHARACTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];

/** Whether one character of a pattern (a literal, an escape, a class) can be a letter or digit; true when unsure. */
function charCanBeNameCharacter(source: string): boolean {
  try {
    const re = new RegExp(`^(?:${source})$`);
    return NAME_CHARACTERS.some((c) => re.test(c));
  } catch {
    return true;
  }
}

function atomCanMatch(atom: Atom): boolean {
  switch (atom.kind) {
    case 'char':
      return charCanBeNameCharacter(atom.source);
    case 'group':
      // A lookaround can exclude names this analysis cannot see (`(?!NewFeature$)`): assume it lets some through.
      return atom.lookaround || canMatchName(atom.body);
    default:
      return true; // anchors, word boundaries, back-references: zero-width or repeating what matched
  }
}

function canMatchName(alternation: Alternation): boolean {
  return alternation.some((sequence) => sequence.every((item) => (item.quantifier?.min ?? 1) === 0 || atomCanMatch(item.atom)));
}

/**
 * Whether a `patternProperties` pattern may admit a name CloudFormation could give a
 * property (letters and digits): `.*`, `""`, `Configuration$` and `^(?!Tags$)` do;
 * `^tag:[a-z]+$` does not. Conservative: where the pattern cannot be analysed, it may.
 * Probing with sample names is not enough: a pattern can avoid any fixed sample.
 */
export function admitsPropertyNames(pattern: string): boolean {
  try {
    return canMatchName(parseRegex(pattern));
  } catch {
    return true;
  }
}
