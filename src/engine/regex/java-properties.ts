import { CharClass } from './char-class';
import { UnsupportedConstructError } from './unsupported';
import { CodePointSet } from './code-points';
import { JAVA_SCRIPT_ALIASES, JAVA_SCRIPTS } from './java-scripts';

/**
 * The character classes java.util.regex (Java 17) names in `\p{...}`, as CharClasses.
 * Categories, scripts and binary properties use V8's Unicode tables; Java's own ASCII
 * classes are written out. Unicode blocks (`\p{InGreek}`) are not supported: JavaScript
 * has no block tables, so they are refused rather than guessed.
 */

/** A name java.util.regex does not know (its PatternSyntaxException description). */
export class PropertyNameError extends Error {}

const p = (name: string) => CharClass.property(name);
const union = (...classes: CharClass[]) => classes[0].union(...classes.slice(1));
const ranges = (...pairs: Array<[number, number]>) => CharClass.of(CodePointSet.of(...pairs));

/** Java's ASCII ctype classes (java.util.regex.ASCII). */
export const ASCII_CLASSES = {
  alnum: ranges([0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]),
  alpha: ranges([0x41, 0x5a], [0x61, 0x7a]),
  blank: CharClass.chars(0x20, 0x09),
  cntrl: ranges([0x00, 0x1f], [0x7f, 0x7f]),
  digit: ranges([0x30, 0x39]),
  graph: ranges([0x21, 0x7e]),
  lower: ranges([0x61, 0x7a]),
  print: ranges([0x20, 0x7e]),
  punct: ranges([0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]),
  space: ranges([0x09, 0x0d], [0x20, 0x20]),
  upper: ranges([0x41, 0x5a]),
  xdigit: ranges([0x30, 0x39], [0x41, 0x46], [0x61, 0x66]),
  word: ranges([0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]),
};

/** Character.isIdentifierIgnorable: the ISO controls that are not whitespace, and format characters. */
const IDENTIFIER_IGNORABLE = union(ranges([0x00, 0x08], [0x0e, 0x1b], [0x7f, 0x9f]), p('Cf'));
const ANY_CASE = () => union(p('Lowercase'), p('Uppercase'), p('Lt'));

/** Java's Unicode predicates (CharPredicates) used by \p{IsX}, (?U) and \w \s \d under (?U). */
export const UNICODE_CLASSES = {
  alphabetic: () => p('Alphabetic'),
  digit: () => p('Nd'),
  letter: () => p('L'),
  whiteSpace: () => p('White_Space'),
  control: () => p('Cc'),
  punctuation: () => p('P'),
  hexDigit: () => union(p('Nd'), ranges([0x30, 0x39], [0x41, 0x46], [0x61, 0x66], [0xff10, 0xff19], [0xff21, 0xff26], [0xff41, 0xff46])),
  joinControl: () => CharClass.chars(0x200c, 0x200d),
  word: () => union(p('Alphabetic'), p('Mn'), p('Me'), p('Mc'), p('Nd'), p('Pc'), CharClass.chars(0x200c, 0x200d)),
  blank: () => union(p('Zs'), CharClass.chars(0x09)),
  /** Not space, control, surrogate or unassigned. */
  graph: () => union(p('Zs'), p('Zl'), p('Zp'), p('Cc'), p('Cs'), p('Cn')).negate(),
  /** (graph or blank) and not control: everything but line and paragraph separators, controls, surrogates, unassigned. */
  print: () => union(p('Zl'), p('Zp'), p('Cc'), p('Cs'), p('Cn')).negate(),
};

function nonCharacters(): CharClass {
  const pairs: Array<[number, number]> = [[0xfdd0, 0xfdef]];
  for (let plane = 0; plane <= 0x10; plane++) pairs.push([plane * 0x10000 + 0xfffe, plane * 0x10000 + 0xffff]);
  return ranges(...pairs);
}

/** CharPredicates.getPosixPredicate: POSIX names under (?U), and after `Is`. */
function posixPredicate(name: string, caseIns: boolean): CharClass | undefined {
  switch (name) {
    case 'ALPHA':
      return UNICODE_CLASSES.alphabetic();
    case 'LOWER':
      return caseIns ? ANY_CASE() : p('Lowercase');
    case 'UPPER':
      return caseIns ? ANY_CASE() : p('Uppercase');
    case 'SPACE':
      return UNICODE_CLASSES.whiteSpace();
    case 'PUNCT':
      return UNICODE_CLASSES.punctuation();
    case 'XDIGIT':
      return UNICODE_CLASSES.hexDigit();
    case 'ALNUM':
      return union(UNICODE_CLASSES.alphabetic(), UNICODE_CLASSES.digit());
    case 'CNTRL':
      return UNICODE_CLASSES.control();
    case 'DIGIT':
      return UNICODE_CLASSES.digit();
    case 'BLANK':
      return UNICODE_CLASSES.blank();
    case 'GRAPH':
      return UNICODE_CLASSES.graph();
    case 'PRINT':
      return UNICODE_CLASSES.print();
    default:
      return undefined;
  }
}

/** CharPredicates.forUnicodeProperty: `\p{IsAlphabetic}` and friends (binary properties), then POSIX names. */
function unicodeProperty(rawName: string, caseIns: boolean): CharClass | undefined {
  const name = rawName.toUpperCase();
  switch (name) {
    case 'ALPHABETIC':
      return UNICODE_CLASSES.alphabetic();
    case 'ASSIGNED':
      return p('Cn').negate();
    case 'CONTROL':
      return UNICODE_CLASSES.control();
    case 'HEXDIGIT':
    case 'HEX_DIGIT':
      return UNICODE_CLASSES.hexDigit();
    case 'IDEOGRAPHIC':
      return p('Ideographic');
    case 'JOINCONTROL':
    case 'JOIN_CONTROL':
      return UNICODE_CLASSES.joinControl();
    case 'LETTER':
      return UNICODE_CLASSES.letter();
    case 'LOWERCASE':
      return caseIns ? ANY_CASE() : p('Lowercase');
    case 'NONCHARACTERCODEPOINT':
    case 'NONCHARACTER_CODE_POINT':
      return nonCharacters();
    case 'TITLECASE':
      return caseIns ? ANY_CASE() : p('Lt');
    case 'PUNCTUATION':
      return UNICODE_CLASSES.punctuation();
    case 'UPPERCASE':
      return caseIns ? ANY_CASE() : p('Uppercase');
    case 'WHITESPACE':
    case 'WHITE_SPACE':
      return UNICODE_CLASSES.whiteSpace();
    case 'WORD':
      return UNICODE_CLASSES.word();
    default:
      return posixPredicate(name, caseIns);
  }
}

const CATEGORIES = new Set(['Cn', 'Lm', 'Lo', 'Mn', 'Me', 'Mc', 'Nd', 'Nl', 'No', 'Zs', 'Zl', 'Zp', 'Cc', 'Cf', 'Co', 'Cs', 'Pd', 'Ps', 'Pe', 'Pc', 'Po', 'Sm', 'Sc', 'Sk', 'So', 'Pi', 'Pf', 'L', 'M', 'N', 'Z', 'C', 'P', 'S', 'LC']);
const CASED_CATEGORIES = new Set(['Lu', 'Ll', 'Lt']);

/** CharPredicates.forProperty: categories, Java's POSIX classes (ASCII) and Character.isXxx methods. Case-sensitive. */
function property(name: string, caseIns: boolean): CharClass | undefined {
  if (CATEGORIES.has(name)) return p(name);
  if (CASED_CATEGORIES.has(name)) return caseIns ? union(p('Lu'), p('Ll'), p('Lt')) : p(name);
  switch (name) {
    case 'LD':
      return union(p('L'), p('Nd'));
    case 'L1':
      return ranges([0, 0xff]);
    case 'all':
      return CharClass.ANY;
    case 'ASCII':
      return ranges([0, 0x7f]);
    case 'Alnum':
      return ASCII_CLASSES.alnum;
    case 'Alpha':
      return ASCII_CLASSES.alpha;
    case 'Blank':
      return ASCII_CLASSES.blank;
    case 'Cntrl':
      return ASCII_CLASSES.cntrl;
    case 'Digit':
      return ASCII_CLASSES.digit;
    case 'Graph':
      return ASCII_CLASSES.graph;
    case 'Lower':
      return caseIns ? ASCII_CLASSES.alpha : ASCII_CLASSES.lower;
    case 'Print':
      return ASCII_CLASSES.print;
    case 'Punct':
      return ASCII_CLASSES.punct;
    case 'Space':
      return ASCII_CLASSES.space;
    case 'Upper':
      return caseIns ? ASCII_CLASSES.alpha : ASCII_CLASSES.upper;
    case 'XDigit':
      return ASCII_CLASSES.xdigit;
    case 'javaLowerCase':
      return caseIns ? ANY_CASE() : p('Lowercase');
    case 'javaUpperCase':
      return caseIns ? ANY_CASE() : p('Uppercase');
    case 'javaTitleCase':
      return caseIns ? ANY_CASE() : p('Lt');
    case 'javaAlphabetic':
      return p('Alphabetic');
    case 'javaIdeographic':
      return p('Ideographic');
    case 'javaDigit':
      return p('Nd');
    case 'javaDefined':
      return p('Cn').negate();
    case 'javaLetter':
      return p('L');
    case 'javaLetterOrDigit':
      return union(p('L'), p('Nd'));
    case 'javaJavaIdentifierStart':
      return union(p('L'), p('Nl'), p('Sc'), p('Pc'));
    case 'javaJavaIdentifierPart':
      return union(p('L'), p('Sc'), p('Pc'), p('Nd'), p('Nl'), p('Mc'), p('Mn'), IDENTIFIER_IGNORABLE);
    case 'javaUnicodeIdentifierStart':
      return p('ID_Start');
    case 'javaUnicodeIdentifierPart':
      return union(p('ID_Continue'), IDENTIFIER_IGNORABLE);
    case 'javaIdentifierIgnorable':
      return IDENTIFIER_IGNORABLE;
    case 'javaSpaceChar':
      return p('Z');
    case 'javaWhitespace':
      return ranges([0x09, 0x0d], [0x1c, 0x20], [0x1680, 0x1680], [0x2000, 0x2006], [0x2008, 0x200a], [0x2028, 0x2029], [0x205f, 0x205f], [0x3000, 0x3000]);
    case 'javaISOControl':
      return ranges([0x00, 0x1f], [0x7f, 0x9f]);
    case 'javaMirrored':
      return p('Bidi_Mirrored');
    default:
      return undefined;
  }
}

/** V8's spelling of a Character.UnicodeScript constant ("OLD_ITALIC" -> "Old_Italic"). */
function v8ScriptName(constant: string): string {
  if (constant === 'SIGNWRITING') return 'SignWriting';
  return constant
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('_');
}

/** Character.UnicodeScript.forName: a constant or an ISO 15924 alias, in any case. */
function script(name: string): CharClass | undefined {
  const upper = name.toUpperCase();
  const constant = JAVA_SCRIPT_ALIASES[upper] ?? (JAVA_SCRIPTS.includes(upper) ? upper : undefined);
  return constant === undefined ? undefined : p(`Script=${v8ScriptName(constant)}`);
}

function block(name: string): never {
  throw new UnsupportedConstructError(`a Unicode block (\\p{In${name}})`, 'JavaScript has no block tables: use a script (\\p{IsGreek}) or a character range');
}

/** Pattern.family(): the class named by the text inside `\p{...}` (or the letter of `\pL`). */
export function javaProperty(name: string, flags: { caseInsensitive: boolean; unicodeClass: boolean }): CharClass {
  const caseIns = flags.caseInsensitive;
  const eq = name.indexOf('=');
  if (eq >= 0) {
    const key = name.slice(0, eq).toLowerCase();
    const value = name.slice(eq + 1);
    let found: CharClass | undefined;
    if (key === 'sc' || key === 'script') found = script(value);
    else if (key === 'blk' || key === 'block') block(value);
    else if (key === 'gc' || key === 'general_category') found = property(value, caseIns);
    if (!found) throw new PropertyNameError(`Unknown Unicode property {name=<${key}>, value=<${value}>}`);
    return found;
  }
  let found: CharClass | undefined;
  if (name.startsWith('In')) block(name.slice(2));
  else if (name.startsWith('Is')) {
    const short = name.slice(2);
    found = unicodeProperty(short, caseIns) ?? property(short, caseIns) ?? script(short);
  } else {
    if (flags.unicodeClass) found = posixPredicate(name.toUpperCase(), caseIns);
    found ??= property(name, caseIns);
  }
  if (!found) throw new PropertyNameError(`Unknown character property name {${name}}`);
  return found;
}

