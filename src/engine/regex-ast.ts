/**
 * A small parser for the regular-expression syntax found in templates and registry
 * schemas (JS, with Java/RE2 habits), just enough to reason about backtracking.
 */
export interface Quantifier {
  readonly min: number;
  readonly max: number;
}

export type Atom =
  | { readonly kind: 'char'; readonly source: string }
  | { readonly kind: 'assertion'; readonly source: string }
  | { readonly kind: 'backreference' }
  | { readonly kind: 'group'; readonly lookaround: boolean; readonly body: Alternation };

export interface Item {
  readonly atom: Atom;
  readonly quantifier?: Quantifier;
}

export type Sequence = readonly Item[];
export type Alternation = readonly Sequence[];

const ZERO_WIDTH_ESCAPES = new Set(['b', 'B', 'A', 'Z', 'z', 'G']);

class Parser {
  private i = 0;

  constructor(private readonly p: string) {}

  parse(): Alternation {
    const alt = this.alternation();
    return alt;
  }

  private alternation(): Alternation {
    const branches: Sequence[] = [this.sequence()];
    while (this.p[this.i] === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    return branches;
  }

  private sequence(): Sequence {
    const items: Item[] = [];
    while (this.i < this.p.length && this.p[this.i] !== '|' && this.p[this.i] !== ')') {
      const atom = this.atom();
      items.push({ atom, quantifier: this.quantifier() });
    }
    return items;
  }

  private atom(): Atom {
    const p = this.p;
    const start = this.i;
    const c = p[this.i];
    if (c === '\\') {
      const next = p[this.i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && p[this.i + 2] === '<')) {
        this.i += 2;
        return { kind: 'backreference' };
      }
      if (ZERO_WIDTH_ESCAPES.has(next)) {
        this.i += 2;
        return { kind: 'assertion', source: p.slice(start, this.i) };
      }
      const long = /^\\(u\{[0-9A-Fa-f]+\}|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|[pP]\{[^}]*\}|c[A-Za-z])/.exec(p.slice(this.i));
      this.i += long ? long[0].length : 2;
      return { kind: 'char', source: p.slice(start, this.i) };
    }
    if (c === '[') {
      this.i++;
      if (p[this.i] === '^') this.i++;
      if (p[this.i] === ']') this.i++;
      while (this.i < p.length && p[this.i] !== ']') this.i += p[this.i] === '\\' ? 2 : 1;
      this.i++;
      return { kind: 'char', source: p.slice(start, this.i) };
    }
    if (c === '(') {
      const head = /^\((\?(<[=!]|[=!:>]|<[A-Za-z_]\w*>|[a-zA-Z-]+:|[a-zA-Z-]+\)))?/.exec(p.slice(this.i)) as RegExpExecArray;
      this.i += head[0].length;
      if (head[0].endsWith(')')) return { kind: 'assertion', source: head[0] }; // inline flags such as (?i)
      const lookaround = /^\(\?(<[=!]|[=!])/.test(head[0]);
      const body = this.alternation();
      if (p[this.i] === ')') this.i++;
      return { kind: 'group', lookaround, body };
    }
    this.i++;
    if (c === '^' || c === '$') return { kind: 'assertion', source: c };
    return { kind: 'char', source: c };
  }

  private quantifier(): Quantifier | undefined {
    const p = this.p;
    const c = p[this.i];
    let q: Quantifier | undefined;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    if (q) {
      this.i++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(this.i));
      if (!m) return undefined;
      this.i += m[0].length;
      q = { min: Number(m[1]), max: m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]) };
    } else {
      return undefined;
    }
    if (p[this.i] === '?' || p[this.i] === '+') this.i++;
    return q;
  }
}

export function parseRegex(pattern: string): Alternation {
  return new Parser(pattern).parse();
}
