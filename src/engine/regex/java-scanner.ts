/**
 * The cursor of java.util.regex.Pattern's parser over a pattern's code points, with its
 * conventions kept so the parser can follow Java's rules step by step: the text ends with
 * two 0 sentinels, `\Q...\E` is rewritten into escapes first, and under COMMENTS (?x)
 * peek/read/next skip whitespace and `#` comments (the *Escaped variants do not).
 */
export const FLAGS = {
  UNIX_LINES: 0x01,
  CASE_INSENSITIVE: 0x02,
  COMMENTS: 0x04,
  MULTILINE: 0x08,
  DOTALL: 0x20,
  UNICODE_CASE: 0x40,
  CANON_EQ: 0x80,
  UNICODE_CHARACTER_CLASS: 0x100,
} as const;

/** What java.util.regex would refuse: its PatternSyntaxException description and index. */
export class JavaSyntaxError extends Error {
  constructor(
    readonly description: string,
    readonly index: number,
  ) {
    super(`${description} near index ${index}`);
  }
}

const isAsciiSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);
const isAsciiAlpha = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isAsciiDigit = (c: number) => c >= 0x30 && c <= 0x39;
const BACKSLASH = 0x5c;

/** Pattern.RemoveQEQuoting: `\Q...\E` becomes the same characters, escaped. */
function removeQuoting(cps: number[]): number[] {
  let i = 0;
  while (i < cps.length - 1) {
    if (cps[i] !== BACKSLASH) i += 1;
    else if (cps[i + 1] !== 0x51 /* Q */) i += 2;
    else break;
  }
  if (i >= cps.length - 1) return cps;
  const out = cps.slice(0, i);
  i += 2;
  let inQuote = true;
  let beginQuote = true;
  while (i < cps.length) {
    const c = cps[i++];
    if (c > 0x7f || isAsciiAlpha(c)) {
      out.push(c);
    } else if (isAsciiDigit(c)) {
      // A digit right after \Q must not extend an escape written before the quote.
      if (beginQuote) out.push(BACKSLASH, 0x78 /* x */, 0x33 /* 3 */);
      out.push(c);
    } else if (c !== BACKSLASH) {
      if (inQuote) out.push(BACKSLASH);
      out.push(c);
    } else if (inQuote) {
      if (cps[i] === 0x45 /* E */) {
        i++;
        inQuote = false;
      } else {
        out.push(BACKSLASH, BACKSLASH);
      }
    } else if (cps[i] === 0x51 /* Q */) {
      i++;
      inQuote = true;
      beginQuote = true;
      continue;
    } else {
      out.push(c);
      if (i !== cps.length) out.push(cps[i++]);
    }
    beginQuote = false;
  }
  return out;
}

export class JavaScanner {
  /** Code points, then two 0 sentinels (Java's double zero termination). */
  readonly temp: number[];
  readonly length: number;
  cursor = 0;
  flags = 0;

  constructor(pattern: string) {
    const cps = removeQuoting([...pattern].map((ch) => ch.codePointAt(0) as number));
    this.length = cps.length;
    this.temp = [...cps, 0, 0];
  }

  has(flag: number): boolean {
    return (this.flags & flag) !== 0;
  }

  at(index: number): number {
    return this.temp[index] ?? 0;
  }

  peek(): number {
    let ch = this.at(this.cursor);
    if (this.has(FLAGS.COMMENTS)) ch = this.peekPastWhitespace(ch);
    return ch;
  }

  read(): number {
    let ch = this.at(this.cursor++);
    if (this.has(FLAGS.COMMENTS)) ch = this.parsePastWhitespace(ch);
    return ch;
  }

  readEscaped(): number {
    return this.at(this.cursor++);
  }

  next(): number {
    let ch = this.at(++this.cursor);
    if (this.has(FLAGS.COMMENTS)) ch = this.peekPastWhitespace(ch);
    return ch;
  }

  nextEscaped(): number {
    return this.at(++this.cursor);
  }

  /** The character after the next one; the cursor moves past both. */
  skip(): number {
    const ch = this.at(this.cursor + 1);
    this.cursor += 2;
    return ch;
  }

  unread(): void {
    this.cursor--;
  }

  atEnd(): boolean {
    return this.cursor >= this.length;
  }

  error(description: string): JavaSyntaxError {
    return new JavaSyntaxError(description, this.cursor - 1);
  }

  private isLineSeparator(ch: number): boolean {
    if (this.has(FLAGS.UNIX_LINES)) return ch === 0x0a;
    return ch === 0x0a || ch === 0x0d || (ch | 1) === 0x2029 || ch === 0x85;
  }

  private peekPastWhitespace(first: number): number {
    let ch = first;
    while (isAsciiSpace(ch) || ch === 0x23 /* # */) {
      while (isAsciiSpace(ch)) ch = this.at(++this.cursor);
      if (ch === 0x23) ch = this.peekPastLine();
    }
    return ch;
  }

  private parsePastWhitespace(first: number): number {
    let ch = first;
    while (isAsciiSpace(ch) || ch === 0x23) {
      while (isAsciiSpace(ch)) ch = this.at(this.cursor++);
      if (ch === 0x23) ch = this.parsePastLine();
    }
    return ch;
  }

  private parsePastLine(): number {
    let ch = this.at(this.cursor++);
    while (ch !== 0 && !this.isLineSeparator(ch)) ch = this.at(this.cursor++);
    if (ch === 0 && this.cursor > this.length) {
      this.cursor = this.length;
      ch = this.at(this.cursor++);
    }
    return ch;
  }

  private peekPastLine(): number {
    let ch = this.at(++this.cursor);
    while (ch !== 0 && !this.isLineSeparator(ch)) ch = this.at(++this.cursor);
    if (ch === 0 && this.cursor > this.length) {
      this.cursor = this.length;
      ch = this.at(this.cursor);
    }
    return ch;
  }
}

export { isAsciiAlpha, isAsciiDigit };
