import { type Anchor, EMPTY, type Node } from './ast';
import type { CharClass } from './char-class';
import { dot, literal } from './java-chars';
import { JavaClassParser } from './java-class';
import { escape, type GroupState, groupName } from './java-escape';
import { UnsupportedConstructError } from './unsupported';
import { hasObviousMaximumLength } from './java-lookbehind';
import { FLAGS, isAsciiDigit, JavaScanner } from './java-scanner';

/**
 * A java.util.regex (Java 17) pattern parsed the way Pattern.compile parses it, step by
 * step, into the engine's AST. What Java refuses throws JavaSyntaxError with Java's
 * description; what Java accepts but the engine does not translate throws
 * UnsupportedConstructError. Nothing is ever read as a literal by default.
 */
const c = (text: string) => text.codePointAt(0) as number;
const MAX_REPS = 0x7fffffff;

const chars = (cls: CharClass): Node => ({ kind: 'chars', chars: cls });

class JavaParser {
  private readonly s: JavaScanner;
  private readonly groups: GroupState = { capturingGroupCount: 1, namedGroups: new Map() };
  private readonly classes: JavaClassParser;
  private canonicalEquivalence = false;

  constructor(pattern: string) {
    this.s = new JavaScanner(pattern);
    this.classes = new JavaClassParser(this.s, this.groups);
  }

  parse(): Node {
    const s = this.s;
    const root = this.expr();
    if (s.cursor !== s.length) {
      if (s.peek() === c(')')) throw s.error("Unmatched closing ')'");
      throw s.error('Unexpected internal error');
    }
    // Checked after parsing, so that Java's own syntax errors come first.
    if (this.canonicalEquivalence) throw new UnsupportedConstructError('(?c) canonical equivalence');
    return root;
  }

  private expr(): Node {
    const branches: Node[] = [];
    for (;;) {
      branches.push(this.sequence());
      if (this.s.peek() !== c('|')) break;
      this.s.next();
    }
    return branches.length === 1 ? branches[0] : { kind: 'alt', branches };
  }

  private sequence(): Node {
    const s = this.s;
    const items: Node[] = [];
    for (;;) {
      const ch = s.peek();
      let node: Node;
      if (ch === c('(')) {
        const group = this.group();
        if (group) items.push(group);
        continue;
      } else if (ch === c('[')) {
        node = chars(this.classes.clazz(true));
      } else if (ch === c('\\')) {
        const next = s.nextEscaped();
        if (next === c('p') || next === c('P')) {
          let oneLetter = true;
          if (s.next() !== c('{')) s.unread();
          else oneLetter = false;
          node = chars(this.classes.family(oneLetter, next === c('P')));
        } else {
          s.unread();
          node = this.escaped();
        }
      } else if (ch === c('^')) {
        s.next();
        node = { kind: 'anchor', anchor: this.caret() };
      } else if (ch === c('$')) {
        s.next();
        node = { kind: 'anchor', anchor: this.dollar() };
      } else if (ch === c('.')) {
        s.next();
        node = chars(dot(s.flags));
      } else if (ch === c('|') || ch === c(')')) {
        break;
      } else if (ch === c('?') || ch === c('*') || ch === c('+')) {
        s.next();
        throw s.error(`Dangling meta character '${String.fromCodePoint(ch)}'`);
      } else if (ch === 0 && s.atEnd()) {
        break;
      } else if (ch === c('{')) {
        // Java's atom() makes an empty slice here; closure() then reads a repetition or refuses.
        node = EMPTY;
      } else {
        s.next();
        node = chars(literal(ch, s.flags));
      }
      items.push(this.closure(node));
    }
    return items.length === 1 ? items[0] : { kind: 'seq', items };
  }

  private caret(): Anchor {
    if (!this.s.has(FLAGS.MULTILINE)) return 'begin';
    return this.s.has(FLAGS.UNIX_LINES) ? 'unix-line-start' : 'line-start';
  }

  private dollar(): Anchor {
    const multiline = this.s.has(FLAGS.MULTILINE);
    if (this.s.has(FLAGS.UNIX_LINES)) return multiline ? 'unix-line-end' : 'unix-dollar';
    return multiline ? 'line-end' : 'dollar';
  }

  /** The cursor is on a backslash outside a class (not `\p`). */
  private escaped(): Node {
    const e = escape(this.s, this.groups, false, false);
    if (e.kind === 'char') return chars(literal(e.cp, this.s.flags));
    return e.kind === 'class' ? chars(e.chars) : e.node;
  }

  private qtype(): 'greedy' | 'lazy' | 'possessive' {
    const ch = this.s.next();
    if (ch === c('?')) {
      this.s.next();
      return 'lazy';
    }
    if (ch === c('+')) {
      this.s.next();
      return 'possessive';
    }
    return 'greedy';
  }

  private repeat(body: Node, min: number, max: number): Node {
    const mode = this.qtype();
    return { kind: 'repeat', min, max: max >= MAX_REPS ? Infinity : max, mode, body };
  }

  /** Pattern.closure(): a quantifier after the node, if any. */
  private closure(node: Node): Node {
    const s = this.s;
    let ch = s.peek();
    if (ch === c('?')) return this.repeat(node, 0, 1);
    if (ch === c('*')) return this.repeat(node, 0, MAX_REPS);
    if (ch === c('+')) return this.repeat(node, 1, MAX_REPS);
    if (ch !== c('{')) return node;
    ch = s.skip();
    if (!isAsciiDigit(ch)) throw s.error('Illegal repetition');
    let cmin = 0;
    let cmax: number;
    do {
      cmin = cmin * 10 + (ch - 0x30);
      if (cmin > MAX_REPS) throw s.error('Illegal repetition range');
    } while (isAsciiDigit((ch = s.read())));
    if (ch === c(',')) {
      ch = s.read();
      if (ch === c('}')) {
        s.unread();
        return this.repeat(node, cmin, MAX_REPS);
      }
      cmax = 0;
      while (isAsciiDigit(ch)) {
        cmax = cmax * 10 + (ch - 0x30);
        if (cmax > MAX_REPS) throw s.error('Illegal repetition range');
        ch = s.read();
      }
    } else {
      cmax = cmin;
    }
    if (ch !== c('}')) throw s.error('Unclosed counted closure');
    if (cmax < cmin) throw s.error('Illegal repetition range');
    s.unread();
    return this.repeat(node, cmin, cmax);
  }

  /** Pattern.group0(): the cursor is on `(`. Undefined for a bare flag group such as `(?i)`. */
  private group(): Node | undefined {
    const s = this.s;
    const saved = s.flags;
    let ch = s.next();
    let node: Node;
    if (ch === c('?')) {
      ch = s.skip();
      if (ch === c(':')) {
        node = { kind: 'group', body: this.expr() };
      } else if (ch === c('=') || ch === c('!')) {
        node = { kind: 'look', behind: false, negate: ch === c('!'), body: this.expr() };
      } else if (ch === c('>')) {
        node = { kind: 'atomic', body: this.expr() };
      } else if (ch === c('<')) {
        ch = s.read();
        if (ch !== c('=') && ch !== c('!')) {
          const name = groupName(s, ch);
          if (this.groups.namedGroups.has(name)) throw s.error(`Named capturing group <${name}> is already defined`);
          const capture = this.groups.capturingGroupCount++;
          this.groups.namedGroups.set(name, capture);
          node = { kind: 'group', capture, body: this.expr() };
        } else {
          const body = this.expr();
          if (!hasObviousMaximumLength(body)) throw s.error('Look-behind group does not have an obvious maximum length');
          node = { kind: 'look', behind: true, negate: ch === c('!'), body };
        }
      } else if (ch === c('$') || ch === c('@')) {
        throw s.error('Unknown group type');
      } else {
        s.unread();
        this.addFlags();
        ch = s.read();
        if (ch === c(')')) return undefined; // the flags hold to the end of the enclosing group
        if (ch !== c(':')) throw s.error('Unknown inline modifier');
        node = { kind: 'group', body: this.expr() };
      }
    } else {
      const capture = this.groups.capturingGroupCount++;
      node = { kind: 'group', capture, body: this.expr() };
    }
    if (s.read() !== c(')')) throw s.error('Unclosed group');
    s.flags = saved;
    return this.closure(node);
  }

  private addFlags(): void {
    const s = this.s;
    let ch = s.peek();
    for (;;) {
      const flag = INLINE_FLAGS[String.fromCodePoint(ch)];
      if (ch === c('-')) {
        s.next();
        this.removeFlags();
        return;
      }
      if (flag === undefined) return;
      if (flag === FLAGS.CANON_EQ) this.canonicalEquivalence = true;
      s.flags |= flag;
      ch = s.next();
    }
  }

  private removeFlags(): void {
    const s = this.s;
    let ch = s.peek();
    for (;;) {
      const flag = INLINE_FLAGS[String.fromCodePoint(ch)];
      if (flag === undefined) return;
      s.flags &= ~flag;
      ch = s.next();
    }
  }
}

const INLINE_FLAGS: Readonly<Record<string, number>> = {
  i: FLAGS.CASE_INSENSITIVE,
  m: FLAGS.MULTILINE,
  s: FLAGS.DOTALL,
  d: FLAGS.UNIX_LINES,
  u: FLAGS.UNICODE_CASE,
  c: FLAGS.CANON_EQ,
  x: FLAGS.COMMENTS,
  U: FLAGS.UNICODE_CHARACTER_CLASS | FLAGS.UNICODE_CASE,
};

/** Parses a java.util.regex pattern. Throws JavaSyntaxError (Java refuses it) or UnsupportedConstructError. */
export function parseJavaPattern(pattern: string): Node {
  return new JavaParser(pattern).parse();
}
