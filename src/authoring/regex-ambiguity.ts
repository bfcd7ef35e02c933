import { charSet } from '../engine/char-set';
/**
 * Finds the nested quantifiers that make a backtracking engine exponential, as opposed
 * to star height alone: in `(a+)+` or `(\s*\w+)*` one iteration of the outer loop can
 * be any run of what its inner loop repeats, so a string splits into iterations in
 * exponentially many ways. `(-\w+)*` also has star height 2 but each iteration must
 * start with `-`, so the split is unique and the pattern is only a style concern.
 *
 * Approximation: a group repeated without a small bound is flagged when one of its
 * alternatives consists only of optional items and items that can grow, and can end
 * with a character it can also start with (`( +\S+)*` cannot: the split is unique). It
 * errs towards silence for subtler ambiguities (`(a|ab)*`), which the engine's
 * star-height warning still covers.
 */

/** Same threshold as the engine's star-height check: `{0,10}` counts as bounded. */
const SMALL_BOUND = 10;

interface Item {
  /** Source of a single character, class or escape (a group has none). */
  readonly source?: string;
  readonly min: number;
  readonly max: number;
  /** Alternatives of a group; undefined for a single character, class or escape. */
  readonly group?: Item[][];
  readonly zeroWidth: boolean;
}

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Item[][] {
    return this.alternatives();
  }

  private alternatives(): Item[][] {
    const branches: Item[][] = [[]];
    while (this.i < this.src.length) {
      const c = this.src[this.i];
      if (c === ')') break;
      if (c === '|') {
        this.i++;
        branches.push([]);
        continue;
      }
      const atom = this.atom();
      if (atom) branches[branches.length - 1].push(this.quantified(atom));
    }
    return branches;
  }

  private atom(): Item | undefined {
    const c = this.src[this.i];
    const start = this.i;
    if (c === '\\') {
      const next = this.src[this.i + 1];
      const zeroWidth = next === 'b' || next === 'B';
      const braced = /^\\(?:[pPu]\{[^}]*\}|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|c[A-Za-z])/.exec(this.src.slice(this.i));
      this.i += braced ? braced[0].length : 2;
      return { source: this.src.slice(start, this.i), min: 1, max: 1, zeroWidth };
    }
    if (c === '[') {
      this.i++;
      if (this.src[this.i] === '^') this.i++;
      if (this.src[this.i] === ']') this.i++;
      while (this.i < this.src.length && this.src[this.i] !== ']') this.i += this.src[this.i] === '\\' ? 2 : 1;
      this.i++;
      return { source: this.src.slice(start, this.i), min: 1, max: 1, zeroWidth: false };
    }
    if (c === '(') {
      this.i++;
      let zeroWidth = false;
      const head = /^\?(<[=!]|[=!:>]|<[A-Za-z_]\w*>|P<[A-Za-z_]\w*>|[a-zA-Z-]*[:)])/.exec(this.src.slice(this.i));
      if (head) {
        zeroWidth = /^\?<?[=!]/.test(head[0]) || head[0].endsWith(')');
        this.i += head[0].length;
        if (head[0].endsWith(')')) return { min: 1, max: 1, zeroWidth: true }; // inline flags `(?i)`
      }
      const group = this.alternatives();
      this.i++; // ')'
      return { min: 1, max: 1, group, zeroWidth };
    }
    this.i++;
    return { source: c, min: 1, max: 1, zeroWidth: c === '^' || c === '$' };
  }

  private quantified(atom: Item): Item {
    const rest = this.src.slice(this.i);
    let min = 1;
    let max = 1;
    const c = rest[0];
    const counted = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    if (c === '*' || c === '+' || c === '?') {
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
      this.i++;
    } else if (counted) {
      min = Number(counted[1]);
      max = counted[2] === undefined ? min : counted[3] === '' ? Infinity : Number(counted[3]);
      this.i += counted[0].length;
    } else {
      return atom;
    }
    if (this.src[this.i] === '?' || this.src[this.i] === '+') this.i++;
    return { ...atom, min: atom.min * min, max: atom.max * max };
  }
}

function unbounded(item: Item): boolean {
  return item.max > SMALL_BOUND;
}

function nullable(item: Item): boolean {
  if (item.zeroWidth || item.min === 0) return true;
  return item.group !== undefined && item.group.some((branch) => branch.every(nullable));
}

/** An item that can match ever longer text: repeated without bound, or a group with such an alternative. */
function grows(item: Item): boolean {
  return unbounded(item) || (item.group !== undefined && !item.zeroWidth && item.group.some(pumpable));
}

/** Characters an item can start (or, reversed, end) with. */
function edgeChars(item: Item, fromEnd: boolean, out: Set<string>): void {
  if (item.zeroWidth) return;
  if (item.group) {
    for (const branch of item.group) branchEdge(branch, fromEnd, out);
  } else {
    for (const ch of charSet(item.source ?? '.')) out.add(ch);
  }
}

function branchEdge(branch: Item[], fromEnd: boolean, out: Set<string>): Set<string> {
  const items = fromEnd ? [...branch].reverse() : branch;
  for (const item of items) {
    edgeChars(item, fromEnd, out);
    if (!nullable(item)) break;
  }
  return out;
}

/**
 * An alternative made of nothing but optional items and items that can grow, whose end
 * can absorb what its start matches: the boundary between two iterations can shift.
 */
function pumpable(branch: Item[]): boolean {
  if (!branch.some(grows) || !branch.every((item) => grows(item) || nullable(item))) return false;
  const last = branchEdge(branch, true, new Set());
  for (const ch of branchEdge(branch, false, new Set())) if (last.has(ch)) return true;
  return false;
}

function exponentialIn(items: Item[][]): boolean {
  for (const branch of items) {
    for (const item of branch) {
      if (!item.group) continue;
      if (!item.zeroWidth && unbounded(item) && item.group.some(pumpable)) return true;
      if (exponentialIn(item.group)) return true;
    }
  }
  return false;
}

/** True for patterns like `(a+)+$` whose backtracking time grows exponentially with the input. */
export function backtracksExponentially(pattern: string): boolean {
  return exponentialIn(new Parser(pattern).parse());
}
