import { type Anchor, children, type Node, some, zeroWidth } from './ast';
import { CharClass } from './char-class';

/**
 * Writes the parsed Java pattern for the engine that runs it: V8 (with the `u` flag, so a
 * supplementary character is one character, as in Java) or RE2JS (linear time, no
 * lookaround or backreferences). Every character class is written out, never left to
 * the engine's own idea of `\w`, `\s`, `.` or case folding.
 */

/** A construct the linear-time engine cannot express. */
export class Re2UnsupportedError extends Error {}

const isPlain = (cp: number) => (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
const hex = (cp: number) => cp.toString(16).toUpperCase();

function quantifier(min: number, max: number): string {
  if (min === 0 && max === Infinity) return '*';
  if (min === 1 && max === Infinity) return '+';
  if (min === 0 && max === 1) return '?';
  if (max === Infinity) return `{${min},}`;
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

const hasCapture = (node: Node) => some(node, (n) => n.kind === 'group' && n.capture !== undefined);

// ---------------------------------------------------------------- V8

const v8Char = (cp: number) => (isPlain(cp) ? String.fromCodePoint(cp) : `\\u{${hex(cp)}}`);

export function v8Class(cls: CharClass): string {
  const single = cls.single;
  if (single !== undefined) return v8Char(single);
  const ranges = cls.set.ranges.map(([lo, hi]) => (lo === hi ? v8Char(lo) : `${v8Char(lo)}-${v8Char(hi)}`));
  const properties = cls.properties.map((p) => `\\${p.negated ? 'P' : 'p'}{${p.name}}`);
  return `[${cls.negated ? '^' : ''}${ranges.join('')}${properties.join('')}]`;
}

const LINE_TERMINATORS = '[\\n\\r\\u{85}\\u{2028}\\u{2029}]';

/** Java's anchors, as V8 lookarounds (V8 runs without the `m` flag: `^` and `$` are the ends of the input). */
const V8_ANCHORS: Record<Anchor, string> = {
  begin: '^',
  end: '$',
  // At the end, or before a final line terminator (`\r\n` counts as one; never between its halves).
  dollar: '(?:$|(?=\\r\\n$)|(?<!\\r)(?=\\n$)|(?=[\\r\\u{85}\\u{2028}\\u{2029}]$))',
  'unix-dollar': '(?=\\n?$)',
  'line-end': '(?:$|(?=[\\r\\u{85}\\u{2028}\\u{2029}])|(?<!\\r)(?=\\n))',
  'unix-line-end': '(?=\\n|$)',
  // Never at the end of the input, even after a line terminator.
  'line-start': `(?!$)(?:^|(?<=[\\n\\u{85}\\u{2028}\\u{2029}])|(?<=\\r)(?!\\n))`,
  'unix-line-start': '(?!$)(?:^|(?<=\\n))',
};

/**
 * Java 17's `\b`: a word character is a letter or digit of any script, or `_` (with (?U),
 * Java's Unicode word class); a non-spacing mark after such a character counts as one.
 */
function v8WordBoundary(negate: boolean, unicodeClass: boolean): string {
  const word = unicodeClass ? '[\\p{Alphabetic}\\p{Mn}\\p{Me}\\p{Mc}\\p{Nd}\\p{Pc}\\u{200C}\\u{200D}]' : '[\\p{L}\\p{Nd}_]';
  const base = '[\\p{L}\\p{Nd}]';
  const left = `(?:(?<=${word})|(?<=${base}\\p{Mn}+))`;
  const right = `(?:(?=${word})|(?=\\p{Mn})(?<=${base}\\p{Mn}*))`;
  return negate ? `(?:${left}${right}|(?!${left})(?!${right}))` : `(?:(?!${left})${right}|${left}(?!${right}))`;
}

const capturesIn = (node: Node): number[] => (node.kind === 'group' && node.capture !== undefined ? [node.capture] : []).concat(...children(node).map(capturesIn));

class V8Writer {
  /** Java group number -> group number in the output (atomic groups add their own). */
  private readonly groupNumbers = new Map<number, number>();
  private readonly atomicNumbers = new Map<Node, number>();
  /** Groups written so far, and the groups of each repetition being written. */
  private readonly closed = new Set<number>();
  private readonly repeating: number[][] = [];

  constructor(root: Node) {
    let next = 0;
    const visit = (node: Node) => {
      if (node.kind === 'group' && node.capture !== undefined) this.groupNumbers.set(node.capture, ++next);
      if (node.kind === 'atomic' || (node.kind === 'repeat' && node.mode === 'possessive')) this.atomicNumbers.set(node, ++next);
      children(node).forEach(visit);
    };
    visit(root);
  }

  write(node: Node): string {
    switch (node.kind) {
      case 'chars':
        return v8Class(node.chars);
      case 'seq':
        return node.items.map((item) => (item.kind === 'alt' ? `(?:${this.write(item)})` : this.write(item))).join('');
      case 'alt':
        return node.branches.map((b) => this.write(b)).join('|');
      case 'group': {
        if (node.capture === undefined) return `(?:${this.write(node.body)})`;
        const text = `(${this.write(node.body)})`;
        this.closed.add(node.capture);
        return text;
      }
      case 'look':
        return `(?${node.behind ? '<' : ''}${node.negate ? '!' : '='}${this.write(node.body)})`;
      case 'atomic':
        // V8 has no atomic groups: a lookahead captures what the body matches first, then the text is consumed as is.
        return `(?=(${this.write(node.body)}))\\${this.atomicNumbers.get(node)}`;
      case 'repeat':
        return this.repeat(node);
      case 'anchor':
        return V8_ANCHORS[node.anchor];
      case 'word-boundary':
        return v8WordBoundary(node.negate, node.unicodeClass);
      case 'backref': {
        const number = this.groupNumbers.get(node.group);
        // Java fails a reference to a group that has not matched (JavaScript matches the empty
        // string): a group the pattern lacks, or one not closed yet outside any repetition of it.
        const mayHaveMatched = this.closed.has(node.group) || this.repeating.some((groups) => groups.includes(node.group));
        return number === undefined || !mayHaveMatched ? '(?!)' : `(?:\\${number})`;
      }
    }
  }

  private repeat(node: Extract<Node, { kind: 'repeat' }>): string {
    if (zeroWidth(node.body) && !hasCapture(node.body)) return node.min === 0 ? '' : this.write(node.body);
    this.repeating.push(capturesIn(node.body));
    const inner = this.write(node.body);
    this.repeating.pop();
    const body = node.body.kind === 'chars' || node.body.kind === 'group' ? inner : `(?:${inner})`;
    const greedy = `${body}${quantifier(node.min, node.max)}`;
    if (node.mode === 'lazy') return `${greedy}?`;
    if (node.mode === 'possessive') return `(?=(${greedy}))\\${this.atomicNumbers.get(node)}`;
    return greedy;
  }
}

/** The pattern in V8 syntax, to compile with the `u` flag. */
export function emitV8(root: Node): string {
  return new V8Writer(root).write(root);
}

// ---------------------------------------------------------------- RE2

const re2Char = (cp: number) => (isPlain(cp) ? String.fromCodePoint(cp) : `\\x{${hex(cp)}}`);

/** RE2's Unicode tables are not V8's: properties are written out from V8's, so both engines agree. */
function re2Class(cls: CharClass): string {
  const set = cls.explicit();
  const single = set.single;
  if (single !== undefined) return re2Char(single);
  if (set.isEmpty) return '[^\\x{0}-\\x{10FFFF}]';
  return `[${set.ranges.map(([lo, hi]) => (lo === hi ? re2Char(lo) : `${re2Char(lo)}-${re2Char(hi)}`)).join('')}]`;
}

/** RE2 caps a counted repetition at 1,000: X{m,n} is written as pieces of at most 1,000 (the same language). */
const RE2_MAX_REPEAT = 1000;

function re2Repeat(body: string, min: number, max: number, lazy: boolean): string {
  const lazyMark = lazy ? '?' : '';
  if (min <= RE2_MAX_REPEAT && (max === Infinity || max <= RE2_MAX_REPEAT)) return `${body}${quantifier(min, max)}${lazyMark}`;
  const pieces: string[] = [];
  let fixed = min;
  while (fixed > RE2_MAX_REPEAT) {
    pieces.push(`${body}{${RE2_MAX_REPEAT}}`);
    fixed -= RE2_MAX_REPEAT;
  }
  if (max === Infinity) {
    pieces.push(`${body}{${fixed},}${lazyMark}`);
  } else {
    let optional = max - min;
    pieces.push(`${body}{${fixed}}`);
    while (optional > 0) {
      const n = Math.min(optional, RE2_MAX_REPEAT);
      pieces.push(`${body}{0,${n}}${lazyMark}`);
      optional -= n;
    }
  }
  return pieces.join('');
}

class Re2Writer {
  write(node: Node, final: boolean): string {
    switch (node.kind) {
      case 'chars':
        return re2Class(node.chars);
      case 'seq':
        return node.items
          .map((item, i) => {
            const text = this.write(item, final && node.items.slice(i + 1).every(zeroWidth));
            return item.kind === 'alt' ? `(?:${text})` : text;
          })
          .join('');
      case 'alt':
        return node.branches.map((b) => this.write(b, final)).join('|');
      case 'group':
        return `(?:${this.write(node.body, final)})`;
      case 'repeat':
        return this.repeat(node, final);
      case 'anchor':
        return this.anchor(node.anchor, final);
      case 'word-boundary':
        // RE2's \b counts ASCII letters, digits and _ only (Java 17: letters and digits of every script).
        return node.negate ? '\\B' : '\\b';
      case 'look':
        throw new Re2UnsupportedError('lookaround');
      case 'atomic':
        throw new Re2UnsupportedError('an atomic group');
      case 'backref':
        throw new Re2UnsupportedError('a backreference');
    }
  }

  private repeat(node: Extract<Node, { kind: 'repeat' }>, final: boolean): string {
    if (node.mode === 'possessive') throw new Re2UnsupportedError('a possessive quantifier');
    if (zeroWidth(node.body)) return node.min === 0 ? '' : this.write(node.body, final);
    const text = this.write(node.body, final && node.max <= 1);
    const body = node.body.kind === 'chars' ? text : `(?:${text})`;
    return re2Repeat(body, node.min, node.max, node.mode === 'lazy');
  }

  private anchor(anchor: Anchor, final: boolean): string {
    switch (anchor) {
      case 'begin':
        return '^';
      case 'end':
        return '\\z';
      case 'unix-line-end':
        return '(?m:$)';
      case 'dollar':
      case 'unix-dollar':
        // Without lookahead, the final line terminator Java allows before `$` is consumed; that is
        // the same only where nothing can follow.
        if (!final) throw new Re2UnsupportedError('$ or \\Z followed by more pattern');
        return anchor === 'dollar' ? '(?:\\r\\n|[\\n\\r\\x{85}\\x{2028}\\x{2029}])?\\z' : '\\n?\\z';
      default:
        throw new Re2UnsupportedError('^ or $ under (?m)');
    }
  }
}

/** The pattern in RE2 syntax; throws Re2UnsupportedError for what RE2 cannot run. */
export function emitRe2(root: Node): string {
  return new Re2Writer().write(root, true);
}

export { CharClass };
