import { CharClass } from './char-class';
import { literal, range as rangeClass } from './java-chars';
import { escape, type GroupState } from './java-escape';
import { javaProperty, PropertyNameError } from './java-properties';
import { FLAGS, type JavaScanner } from './java-scanner';
import { lowerCase, upperCase } from './unicode';

/**
 * Character classes as Pattern.clazz() reads them: nested classes are unions, `&&`
 * intersects everything before it with what follows, `^` right after `[` negates the
 * whole class (Java 9 and later), `]` first in a class is a literal, and the literal
 * characters below U+0100 accumulate in one set for the whole class (Java's BitClass,
 * which an intersection does not empty: `[ab&&[b]c]` is {a, b, c}).
 */
const ch = (c: string) => c.codePointAt(0) as number;
const LBRACKET = ch('[');
const RBRACKET = ch(']');
const AMP = ch('&');
const CARET = ch('^');
const BACKSLASH = ch('\\');
const DASH = ch('-');
const LBRACE = ch('{');
const RBRACE = ch('}');

/** Characters Java keeps out of its Latin-1 bit set under (?iu), because a case of theirs lies outside it. */
const UNICODE_CASE_SINGLES = new Set([0xff, 0xb5, 0x49, 0x69, 0x53, 0x73, 0x4b, 0x6b, 0xc5, 0xe5]);

export class JavaClassParser {
  constructor(
    private readonly s: JavaScanner,
    private readonly groups: GroupState,
  ) {}

  /** The cursor is on `[`; `consume`: also read the closing `]` (not for the implied class after `&&`). */
  clazz(consume: boolean): CharClass {
    const s = this.s;
    let prev: CharClass | undefined;
    let curr: CharClass | undefined;
    const bits = new Set<number>();
    let hasBits = false;
    let isNeg = false;
    let c = s.next();
    if (c === CARET && s.at(s.cursor - 1) === LBRACKET) {
      c = s.next();
      isNeg = true;
    }
    for (;;) {
      if (c === LBRACKET) {
        curr = this.clazz(true);
        prev = prev ? prev.union(curr) : curr;
        c = s.peek();
        continue;
      }
      if (c === AMP) {
        c = s.next();
        if (c === AMP) {
          c = s.next();
          let right: CharClass | undefined;
          while (c !== RBRACKET && c !== AMP) {
            let part: CharClass;
            if (c === LBRACKET) part = this.clazz(true);
            else {
              s.unread();
              part = this.clazz(false);
            }
            right = right ? right.union(part) : part;
            c = s.peek();
          }
          if (hasBits) {
            if (!prev) prev = curr = bitClass(bits);
            else prev = prev.union(bitClass(bits));
            hasBits = false;
          }
          if (right) curr = right;
          if (!prev) {
            if (!right) throw s.error('Bad class syntax');
            prev = right;
          } else {
            if (!curr) throw s.error('Bad intersection syntax');
            prev = prev.intersect(curr);
          }
          continue;
        }
        // A single & is a literal.
        s.unread();
      } else if (c === 0 && s.cursor >= s.length) {
        throw s.error('Unclosed character class');
      } else if (c === RBRACKET && (prev || hasBits)) {
        if (consume) s.next();
        if (!prev) prev = bitClass(bits);
        else if (hasBits) prev = prev.union(bitClass(bits));
        return isNeg ? prev.negate() : prev;
      }
      curr = this.range(bits);
      if (curr === undefined) hasBits = true;
      else if (!prev) prev = curr;
      else if (prev !== curr) prev = prev.union(curr);
      c = s.peek();
    }
  }

  /** One item: a character (into `bits`, then undefined), a range, an escape class or a property. */
  private range(bits: Set<number>): CharClass | undefined {
    const s = this.s;
    let c = s.peek();
    if (c === BACKSLASH) {
      c = s.nextEscaped();
      if (c === ch('p') || c === ch('P')) {
        const complement = c === ch('P');
        let oneLetter = true;
        c = s.next();
        if (c !== LBRACE) s.unread();
        else oneLetter = false;
        return this.family(oneLetter, complement);
      }
      const isRange = s.at(s.cursor + 1) === DASH;
      s.unread();
      const e = escape(s, this.groups, true, isRange);
      if (e.kind !== 'char') return e.kind === 'class' ? e.chars : CharClass.NONE;
      c = e.cp;
    } else {
      s.next();
    }
    if (s.peek() === DASH) {
      const endRange = s.at(s.cursor + 1);
      if (endRange === LBRACKET) return this.bitsOrSingle(bits, c);
      if (endRange !== RBRACKET) {
        s.next();
        let m = s.peek();
        if (m === BACKSLASH) {
          const e = escape(s, this.groups, true, true);
          m = e.kind === 'char' ? e.cp : -1;
        } else {
          s.next();
        }
        if (m < c) throw s.error('Illegal character range');
        return rangeClass(c, m, s.flags);
      }
    }
    return this.bitsOrSingle(bits, c);
  }

  private bitsOrSingle(bits: Set<number>, c: number): CharClass | undefined {
    const flags = this.s.flags;
    const caseIns = (flags & FLAGS.CASE_INSENSITIVE) !== 0;
    const unicodeCase = (flags & FLAGS.UNICODE_CASE) !== 0;
    if (c < 256 && !(caseIns && unicodeCase && UNICODE_CASE_SINGLES.has(c))) {
      // BitClass.add
      if (caseIns) {
        if (c < 128) {
          bits.add(c >= 0x61 && c <= 0x7a ? c - 0x20 : c);
          bits.add(c >= 0x41 && c <= 0x5a ? c + 0x20 : c);
        } else if (unicodeCase) {
          bits.add(lowerCase(c));
          bits.add(upperCase(c));
        }
      }
      bits.add(c);
      return undefined;
    }
    return literal(c, flags);
  }

  /** Pattern.family(): the cursor is before the name (`\pL`) or on `{` (`\p{Name}`). */
  family(oneLetter: boolean, complement: boolean): CharClass {
    const s = this.s;
    s.next();
    let name: string;
    if (oneLetter) {
      name = String.fromCodePoint(s.at(s.cursor));
      s.read();
    } else {
      const start = s.cursor;
      const saved = s.temp[s.length];
      s.temp[s.length] = RBRACE; // Java's mark('}'): the search stops at the end
      while (s.read() !== RBRACE) {
        // skip to the closing brace
      }
      s.temp[s.length] = saved;
      const end = s.cursor;
      if (end > s.length) throw s.error('Unclosed character family');
      if (start + 1 >= end) throw s.error('Empty character family');
      name = String.fromCodePoint(...s.temp.slice(start, end - 1));
    }
    let found: CharClass;
    try {
      found = javaProperty(name, { caseInsensitive: s.has(FLAGS.CASE_INSENSITIVE), unicodeClass: s.has(FLAGS.UNICODE_CHARACTER_CLASS) });
    } catch (error) {
      if (error instanceof PropertyNameError) throw s.error(error.message);
      throw error;
    }
    return complement ? found.negate() : found;
  }
}

function bitClass(bits: Set<number>): CharClass {
  return CharClass.chars(...bits);
}
