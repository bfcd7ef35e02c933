import { CharClass } from './char-class';
import { CodePointSet } from './code-points';
import { ASCII_CLASSES, UNICODE_CLASSES } from './java-properties';
import { FLAGS } from './java-scanner';
import { unicodeCaseRange, unicodeCaseVariants } from './unicode';

/** The classes one character or range stands for under Java's flags, and Java's predefined classes. */

const isAsciiLetter = (cp: number) => (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
const asciiOtherCase = (cp: number) => (cp >= 0x61 && cp <= 0x7a ? cp - 0x20 : cp >= 0x41 && cp <= 0x5a ? cp + 0x20 : cp);

/**
 * Pattern.single(): a literal character. Under CASE_INSENSITIVE alone only ASCII letters
 * fold (`(?i)é` does not match `É`); with UNICODE_CASE every character whose
 * lower(upper(x)) equals its own does.
 */
export function literal(cp: number, flags: number): CharClass {
  if (flags & FLAGS.CASE_INSENSITIVE) {
    if (flags & FLAGS.UNICODE_CASE) return CharClass.of(unicodeCaseVariants(cp));
    if (isAsciiLetter(cp)) return CharClass.chars(cp, asciiOtherCase(cp));
  }
  return CharClass.chars(cp);
}

/** Pattern.range(): `lo-hi` in a class, with CIRange / CIRangeU under CASE_INSENSITIVE. */
export function range(lo: number, hi: number, flags: number): CharClass {
  if (flags & FLAGS.CASE_INSENSITIVE) {
    if (flags & FLAGS.UNICODE_CASE) return CharClass.of(unicodeCaseRange(lo, hi));
    // An ASCII character matches if it or its other case lies in the range.
    const extra: number[] = [];
    for (let cp = 0x41; cp <= 0x7a; cp++) {
      const other = asciiOtherCase(cp);
      if (other !== cp && (cp < lo || cp > hi) && other >= lo && other <= hi) extra.push(cp);
    }
    return CharClass.of(CodePointSet.of([lo, hi]).union(CodePointSet.fromCodePoints(extra)));
  }
  return CharClass.range(lo, hi);
}

const unicodeClass = (flags: number) => (flags & FLAGS.UNICODE_CHARACTER_CLASS) !== 0;

/** `.`: any character but line terminators (only `\n` under UNIX_LINES), anything under DOTALL. */
export function dot(flags: number): CharClass {
  if (flags & FLAGS.DOTALL) return CharClass.ANY;
  if (flags & FLAGS.UNIX_LINES) return CharClass.chars(0x0a).negate();
  return CharClass.chars(0x0a, 0x0d, 0x85, 0x2028, 0x2029).negate();
}

export const digit = (flags: number) => (unicodeClass(flags) ? UNICODE_CLASSES.digit() : ASCII_CLASSES.digit);
export const space = (flags: number) => (unicodeClass(flags) ? UNICODE_CLASSES.whiteSpace() : ASCII_CLASSES.space);
export const word = (flags: number) => (unicodeClass(flags) ? UNICODE_CLASSES.word() : ASCII_CLASSES.word);

/** `\h`. */
export const HORIZONTAL_SPACE = CharClass.of(CodePointSet.of([0x09, 0x09], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x180e, 0x180e], [0x2000, 0x200a], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000]));
/** `\v` (since Java 8 vertical whitespace, not only VT). */
export const VERTICAL_SPACE = CharClass.of(CodePointSet.of([0x0a, 0x0d], [0x85, 0x85], [0x2028, 0x2029]));
/** `\R` matches `\r\n` or one of these. */
export const LINE_BREAK_CHARS = VERTICAL_SPACE;
