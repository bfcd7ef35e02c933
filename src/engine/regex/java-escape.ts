import type { Node } from './ast';
import { CharClass } from './char-class';
import { digit, HORIZONTAL_SPACE, LINE_BREAK_CHARS, space, VERTICAL_SPACE, word } from './java-chars';
import { FLAGS, isAsciiAlpha, isAsciiDigit, type JavaScanner } from './java-scanner';
import { UnsupportedConstructError } from './unsupported';

export type Escape = { readonly kind: 'char'; readonly cp: number } | { readonly kind: 'class'; readonly chars: CharClass } | { readonly kind: 'node'; readonly node: Node };

/** What the escape parser needs to know about groups (backreferences). */
export interface GroupState {
  capturingGroupCount: number;
  readonly namedGroups: Map<string, number>;
}

const isHex = (c: number) => isAsciiDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const hexValue = (c: number) => (isAsciiDigit(c) ? c - 0x30 : (c | 0x20) - 0x61 + 10);
const isOctal = (c: number) => c >= 0x30 && c <= 0x37;

function octal(s: JavaScanner): number {
  const n = s.read();
  if (isOctal(n)) {
    const m = s.read();
    if (isOctal(m)) {
      const o = s.read();
      if (isOctal(o) && n <= 0x33) return (n - 0x30) * 64 + (m - 0x30) * 8 + (o - 0x30);
      s.unread();
      return (n - 0x30) * 8 + (m - 0x30);
    }
    s.unread();
    return n - 0x30;
  }
  throw s.error('Illegal octal escape sequence');
}

function hex(s: JavaScanner): number {
  let n = s.read();
  if (isHex(n)) {
    const m = s.read();
    if (isHex(m)) return hexValue(n) * 16 + hexValue(m);
  } else if (n === 0x7b && isHex(s.peek())) {
    let ch = 0;
    while (isHex((n = s.read()))) {
      ch = ch * 16 + hexValue(n);
      if (ch > 0x10ffff) throw s.error('Hexadecimal codepoint is too big');
    }
    if (n !== 0x7d) throw s.error('Unclosed hexadecimal escape sequence');
    return ch;
  }
  throw s.error('Illegal hexadecimal escape sequence');
}

function fourHex(s: JavaScanner): number {
  let n = 0;
  for (let i = 0; i < 4; i++) {
    const ch = s.read();
    if (!isHex(ch)) throw s.error('Illegal Unicode escape sequence');
    n = n * 16 + hexValue(ch);
  }
  return n;
}

/** `\uXXXX`, joining an escaped surrogate pair into one code point. */
function unicode(s: JavaScanner): number {
  const n = fourHex(s);
  if (n >= 0xd800 && n <= 0xdbff) {
    const saved = s.cursor;
    if (s.read() === 0x5c && s.read() === 0x75) {
      const low = fourHex(s);
      if (low >= 0xdc00 && low <= 0xdfff) return 0x10000 + ((n - 0xd800) << 10) + (low - 0xdc00);
    }
    s.cursor = saved;
  }
  return n;
}

function control(s: JavaScanner): number {
  if (s.cursor < s.length) return s.read() ^ 64;
  throw s.error('Illegal control escape sequence');
}

/** Pattern.groupname: a Latin letter, then Latin letters and digits, then `>`. */
export function groupName(s: JavaScanner, first: number): string {
  if (!isAsciiAlpha(first)) throw s.error('capturing group name does not start with a Latin letter');
  let name = '';
  let ch = first;
  do {
    name += String.fromCodePoint(ch);
  } while (isAsciiAlpha((ch = s.read())) || isAsciiDigit(ch));
  if (ch !== 0x3e) throw s.error("named capturing group is missing trailing '>'");
  return name;
}

function backref(s: JavaScanner, groups: GroupState, first: number): Node {
  let ref = first;
  // The first digit is always a reference; more digits only while such a group exists.
  for (;;) {
    const ch = s.peek();
    if (!isAsciiDigit(ch)) break;
    const next = ref * 10 + (ch - 0x30);
    if (groups.capturingGroupCount - 1 < next) break;
    ref = next;
    s.read();
  }
  return referenceTo(s, ref);
}

function referenceTo(s: JavaScanner, group: number): Node {
  if (s.has(FLAGS.CASE_INSENSITIVE)) throw new UnsupportedConstructError('a backreference under case-insensitive matching ((?i) ... \\1)');
  return { kind: 'backref', group };
}

function node(n: Node): Escape {
  return { kind: 'node', node: n };
}

function cls(chars: CharClass): Escape {
  return { kind: 'class', chars };
}

function notInClass(s: JavaScanner, inClass: boolean): void {
  if (inClass) throw s.error('Illegal/unsupported escape sequence');
}

/**
 * Pattern.escape(): the cursor is on the backslash. `isRange`: the escape ends a range
 * (`[a-\x7a]`), where `\v` is the single character VT.
 */
export function escape(s: JavaScanner, groups: GroupState, inClass: boolean, isRange: boolean): Escape {
  const ch = s.skip();
  const flags = s.flags;
  const c = String.fromCodePoint(ch);
  switch (c) {
    case '0':
      return { kind: 'char', cp: octal(s) };
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
      notInClass(s, inClass);
      return node(backref(s, groups, ch - 0x30));
    case 'A':
    case 'G':
      notInClass(s, inClass);
      return node({ kind: 'anchor', anchor: 'begin' });
    case 'B':
      notInClass(s, inClass);
      return node({ kind: 'word-boundary', negate: true, unicodeClass: s.has(FLAGS.UNICODE_CHARACTER_CLASS) });
    case 'D':
      return cls(digit(flags).negate());
    case 'H':
      return cls(HORIZONTAL_SPACE.negate());
    case 'N':
      throw new UnsupportedConstructError('\\N{name} (a character by its Unicode name)', 'write the character itself or \\x{...}');
    case 'R':
      notInClass(s, inClass);
      return node({ kind: 'alt', branches: [{ kind: 'seq', items: [{ kind: 'chars', chars: CharClass.chars(0x0d) }, { kind: 'chars', chars: CharClass.chars(0x0a) }] }, { kind: 'chars', chars: LINE_BREAK_CHARS }] });
    case 'S':
      return cls(space(flags).negate());
    case 'V':
      return cls(VERTICAL_SPACE.negate());
    case 'W':
      return cls(word(flags).negate());
    case 'X':
      notInClass(s, inClass);
      throw new UnsupportedConstructError('\\X (a grapheme cluster)');
    case 'Z':
      notInClass(s, inClass);
      return node({ kind: 'anchor', anchor: s.has(FLAGS.UNIX_LINES) ? 'unix-dollar' : 'dollar' });
    case 'a':
      return { kind: 'char', cp: 0x07 };
    case 'b':
      notInClass(s, inClass);
      if (s.peek() === 0x7b) throw new UnsupportedConstructError('\\b{g} (a grapheme cluster boundary)');
      return node({ kind: 'word-boundary', negate: false, unicodeClass: s.has(FLAGS.UNICODE_CHARACTER_CLASS) });
    case 'c':
      return { kind: 'char', cp: control(s) };
    case 'd':
      return cls(digit(flags));
    case 'e':
      return { kind: 'char', cp: 0x1b };
    case 'f':
      return { kind: 'char', cp: 0x0c };
    case 'h':
      return cls(HORIZONTAL_SPACE);
    case 'k': {
      notInClass(s, inClass);
      if (s.read() !== 0x3c) throw s.error("\\k is not followed by '<' for named capturing group");
      const name = groupName(s, s.read());
      const number = groups.namedGroups.get(name);
      if (number === undefined) throw s.error(`named capturing group <${name}> does not exist`);
      return node(referenceTo(s, number));
    }
    case 'n':
      return { kind: 'char', cp: 0x0a };
    case 'r':
      return { kind: 'char', cp: 0x0d };
    case 's':
      return cls(space(flags));
    case 't':
      return { kind: 'char', cp: 0x09 };
    case 'u':
      return { kind: 'char', cp: unicode(s) };
    case 'v':
      return isRange ? { kind: 'char', cp: 0x0b } : cls(VERTICAL_SPACE);
    case 'w':
      return cls(word(flags));
    case 'x':
      return { kind: 'char', cp: hex(s) };
    case 'z':
      notInClass(s, inClass);
      return node({ kind: 'anchor', anchor: 'end' });
    default:
      // Every other letter (and \p, \P, \Q, \E outside their places) is an error; anything else is itself.
      if (isAsciiAlpha(ch)) throw s.error('Illegal/unsupported escape sequence');
      return { kind: 'char', cp: ch };
  }
}
