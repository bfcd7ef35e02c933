/**
 * Finds the nested quantifiers that make a backtracking engine exponential, as opposed
 * to star height alone: in `(a+)+` or `(\s*\w+)*` one iteration of the outer loop can
 * be any run of what its inner loop repeats, so a string splits into iterations in
 * exponentially many ways. `(-\w+)*` also has star height 2 but each iteration must
 * start with `-`, so the split is unique and the pattern is only a style concern.
 *
 * Approximation: a group repeated without a small bound is flagged when one of its
 * alternatives consists only of optional items and at least one unboundedly repeated
 * item. It errs towards silence for subtler ambiguities (`(a|a)*`), which the star-height
 * warning still covers.
 */

/** Same threshold as the engine's star-height check: `{0,10}` counts as bounded. */
const SMALL_BOUND = 10;

interface Item {
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
    if (c === '\\') {
      const next = this.src[this.i + 1];
      const zeroWidth = next === 'b' || next === 'B';
      const braced = /^\\[pPu]\{[^}]*\}/.exec(this.src.slice(this.i));
      this.i += braced ? braced[0].length : 2;
      return { min: 1, max: 1, zeroWidth };
    }
    if (c === '[') {
      this.i++;
      if (this.src[this.i] === '^') this.i++;
      if (this.src[this.i] === ']') this.i++;
      while (this.i < this.src.length && this.src[this.i] !== ']') this.i += this.src[this.i] === '\\' ? 2 : 1;
      this.i++;
      return { min: 1, max: 1, zeroWidth: false };
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
    return { min: 1, max: 1, zeroWidth: c === '^' || c === '$' };
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

/** An alternative made of nothing but optional and unboundedly repeated items. */
function pumpable(branch: Item[]): boolean {
  return branch.some(unbounded) && branch.every((item) => unbounded(item) || nullable(item));
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
