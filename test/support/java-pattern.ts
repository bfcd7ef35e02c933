/**
 * The differential oracle's own reading of java.util.regex (test/support/oracle.ts), written
 * apart from the engine's parser (src/engine/regex) so the two can disagree.
 *
 * Plain JS regexes are not Java's: JS `\s` also matches U+00A0, U+FEFF, U+2028, ...; JS `.`
 * matches U+0085; Java's `$` also matches before a line terminator that ends the input
 * ("abc\n" matches `^[a-z]+$`); Java counts code points where JS without the `u` flag counts
 * UTF-16 units. Templates are judged the Java way (CloudFormation's dialect), so an oracle on
 * JS regexes failed the fuzz tests whenever a generated value held such a character.
 *
 * This translates the small part of Java's syntax the repository's templates use into a JS
 * regex with Java's meaning, run with the `u` flag (code points, as Java). Anything else
 * throws: the oracle never falls back to JS meaning. test/security/java-pattern.test.ts checks
 * it against real Java verdicts (test/fixtures/java-regex/oracle.json).
 */
export class UntranslatedJavaPattern extends Error {}

/** Java's default (ASCII) predefined classes, as class contents. */
const PREDEFINED: Record<string, string> = {
  s: ' \\t\\n\\x0B\\f\\r',
  d: '0-9',
  w: 'a-zA-Z_0-9',
};

/** Java's `.` without DOTALL/UNIX_LINES: anything but a line terminator. */
const DOT = '[^\\n\\r\\u0085\\u2028\\u2029]';

/** Java's `$` without MULTILINE: at the end, or before one final line terminator (`\r\n` counts as one). */
const DOLLAR = '(?:$|(?=\\r\\n$)|(?<!\\r)(?=\\n$)|(?=[\\r\\u0085\\u2028\\u2029]$))';

const SIMPLE_ESCAPES: Record<string, number> = { t: 0x09, n: 0x0a, r: 0x0d, f: 0x0c, a: 0x07, e: 0x1b };

function literal(codePoint: number): string {
  const c = String.fromCodePoint(codePoint);
  return /[A-Za-z0-9]/.test(c) ? c : `\\u{${codePoint.toString(16)}}`;
}

class Reader {
  private at = 0;
  private readonly chars: string[];

  constructor(readonly pattern: string) {
    this.chars = [...pattern];
  }

  get done(): boolean {
    return this.at >= this.chars.length;
  }

  peek(ahead = 0): string | undefined {
    return this.chars[this.at + ahead];
  }

  next(): string {
    if (this.done) this.refuse('an unexpected end');
    return this.chars[this.at++];
  }

  startsWith(text: string): boolean {
    return this.chars.slice(this.at, this.at + text.length).join('') === text;
  }

  skip(count: number): void {
    this.at += count;
  }

  refuse(what: string): never {
    throw new UntranslatedJavaPattern(`the oracle does not translate ${what} in Java pattern ${JSON.stringify(this.pattern)} (extend test/support/java-pattern.ts with Java's meaning)`);
  }
}

type Escape = { kind: 'char'; codePoint: number } | { kind: 'class'; letter: string };

function hex(reader: Reader, digits: number): number {
  let text = '';
  for (let i = 0; i < digits; i++) text += reader.next();
  if (!/^[0-9A-Fa-f]+$/.test(text)) reader.refuse(`the escape \\…${text}`);
  return parseInt(text, 16);
}

/** After a backslash. */
function escape(reader: Reader): Escape {
  const c = reader.next();
  if (c.toLowerCase() in PREDEFINED) return { kind: 'class', letter: c };
  if (c in SIMPLE_ESCAPES) return { kind: 'char', codePoint: SIMPLE_ESCAPES[c] };
  if (c === 'x') return { kind: 'char', codePoint: hex(reader, 2) };
  if (c === 'u') {
    const unit = hex(reader, 4);
    if (unit >= 0xd800 && unit <= 0xdfff) reader.refuse('a surrogate \\u escape');
    return { kind: 'char', codePoint: unit };
  }
  // Java: a backslash before a non-alphabetic character quotes it; letters and digits are constructs.
  if (/[A-Za-z0-9]/.test(c)) reader.refuse(`\\${c}`);
  return { kind: 'char', codePoint: c.codePointAt(0) as number };
}

function classItem(reader: Reader): Escape {
  const c = reader.next();
  if (c === '[') reader.refuse('a nested class');
  if (c === '&' && reader.peek() === '&') reader.refuse('a class intersection');
  return c === '\\' ? escape(reader) : { kind: 'char', codePoint: c.codePointAt(0) as number };
}

/** After `[`: Java's class, members written out one by one. */
function characterClass(reader: Reader): string {
  const negated = reader.peek() === '^';
  if (negated) reader.skip(1);
  if (reader.peek() === ']') reader.refuse('a class starting with "]"');
  let out = '';
  while (reader.peek() !== ']') {
    const item = classItem(reader);
    if (item.kind === 'class') {
      if (item.letter !== item.letter.toLowerCase()) reader.refuse(`\\${item.letter} inside a class`);
      out += PREDEFINED[item.letter];
      continue;
    }
    // As Java's Pattern.range(): `x-y` is a range unless `-` is followed by `]`.
    if (reader.peek() === '-' && reader.peek(1) !== ']' && reader.peek(1) !== undefined) {
      reader.skip(1);
      const end = classItem(reader);
      if (end.kind === 'class') reader.refuse('a range ending in a predefined class');
      if (end.codePoint < item.codePoint) reader.refuse('an illegal range');
      out += `${literal(item.codePoint)}-${literal(end.codePoint)}`;
    } else {
      out += literal(item.codePoint);
    }
  }
  reader.skip(1);
  return `[${negated ? '^' : ''}${out}]`;
}

/** After a quantifier: lazy `?` passes, Java's possessive `+` has no JS equivalent. */
function quantifierSuffix(reader: Reader): string {
  if (reader.peek() === '+') reader.refuse('a possessive quantifier');
  if (reader.peek() === '?') {
    reader.skip(1);
    return '?';
  }
  return '';
}

/** A Java pattern as JS regex source (for the `u` flag) with Java's meaning, or UntranslatedJavaPattern. */
export function javaToJsSource(pattern: string): string {
  const reader = new Reader(pattern);
  let out = '';
  while (!reader.done) {
    const c = reader.next();
    if (c === '\\') {
      const item = escape(reader);
      out += item.kind === 'char' ? literal(item.codePoint) : item.letter === item.letter.toLowerCase() ? `[${PREDEFINED[item.letter]}]` : `[^${PREDEFINED[item.letter.toLowerCase()]}]`;
    } else if (c === '[') out += characterClass(reader);
    else if (c === '.') out += DOT;
    else if (c === '$') out += DOLLAR;
    else if (c === '^' || c === '|' || c === ')') out += c;
    else if (c === '(') {
      if (reader.peek() !== '?') out += '(';
      else if (reader.startsWith('?:') || reader.startsWith('?=') || reader.startsWith('?!')) {
        out += `(${reader.next()}${reader.next()}`;
      } else reader.refuse(`the group "(${reader.peek()}${reader.peek(1) ?? ''}"`);
    } else if (c === '*' || c === '+' || c === '?') out += c + quantifierSuffix(reader);
    else if (c === '{') {
      let bounds = '';
      while (reader.peek() !== undefined && reader.peek() !== '}') bounds += reader.next();
      if (!/^\d+(,\d*)?$/.test(bounds)) reader.refuse(`"{${bounds}" (not a quantifier)`);
      reader.skip(1);
      out += `{${bounds}}${quantifierSuffix(reader)}`;
    } else out += literal(c.codePointAt(0) as number);
  }
  return out;
}

/** For ajv's `code.regExp`: every pattern compiled the Java way (ajv's flags argument is ignored: Java counts code points). */
export const javaWayRegExp = Object.assign(
  (pattern: string): RegExp => {
    const source = javaToJsSource(pattern);
    try {
      return new RegExp(source, 'u');
    } catch (cause) {
      // Java accepts some shapes JS refuses (a quantified lookahead): not in the subset.
      throw new UntranslatedJavaPattern(`the oracle does not translate Java pattern ${JSON.stringify(pattern)}: ${(cause as Error).message}`, { cause });
    }
  },
  { code: 'rcfge-oracle-java-pattern' },
);
