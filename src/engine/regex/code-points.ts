/** The largest Unicode code point. */
export const MAX_CODE_POINT = 0x10ffff;

/**
 * An immutable set of Unicode code points as sorted, disjoint, non-adjacent inclusive
 * ranges [lo0, hi0, lo1, hi1, ...]: the explicit form of a character class.
 */
export class CodePointSet {
  static readonly EMPTY = new CodePointSet([]);
  static readonly ALL = new CodePointSet([0, MAX_CODE_POINT]);

  private constructor(private readonly bounds: readonly number[]) {}

  /** From [lo, hi] pairs in any order, overlapping or not. */
  static of(...pairs: ReadonlyArray<readonly [number, number]>): CodePointSet {
    const sorted = pairs.filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
    const bounds: number[] = [];
    for (const [lo, hi] of sorted) {
      const last = bounds.length - 1;
      if (last > 0 && lo <= bounds[last] + 1) bounds[last] = Math.max(bounds[last], hi);
      else bounds.push(lo, hi);
    }
    return new CodePointSet(bounds);
  }

  static single(cp: number): CodePointSet {
    return new CodePointSet([cp, cp]);
  }

  static fromCodePoints(cps: Iterable<number>): CodePointSet {
    return CodePointSet.of(...[...cps].map((cp): [number, number] => [cp, cp]));
  }

  /** Every code point in [0, limit] that passes `test` (a scan: use sparingly). */
  static fromPredicate(test: (cp: number) => boolean, limit = MAX_CODE_POINT): CodePointSet {
    const bounds: number[] = [];
    let start = -1;
    for (let cp = 0; cp <= limit + 1; cp++) {
      const inside = cp <= limit && test(cp);
      if (inside && start < 0) start = cp;
      else if (!inside && start >= 0) {
        bounds.push(start, cp - 1);
        start = -1;
      }
    }
    return new CodePointSet(bounds);
  }

  get ranges(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let i = 0; i < this.bounds.length; i += 2) out.push([this.bounds[i], this.bounds[i + 1]]);
    return out;
  }

  get isEmpty(): boolean {
    return this.bounds.length === 0;
  }

  get size(): number {
    let n = 0;
    for (let i = 0; i < this.bounds.length; i += 2) n += this.bounds[i + 1] - this.bounds[i] + 1;
    return n;
  }

  /** The only member, if there is exactly one. */
  get single(): number | undefined {
    return this.bounds.length === 2 && this.bounds[0] === this.bounds[1] ? this.bounds[0] : undefined;
  }

  has(cp: number): boolean {
    let lo = 0;
    let hi = this.bounds.length / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cp < this.bounds[2 * mid]) hi = mid - 1;
      else if (cp > this.bounds[2 * mid + 1]) lo = mid + 1;
      else return true;
    }
    return false;
  }

  union(other: CodePointSet): CodePointSet {
    if (other.isEmpty) return this;
    if (this.isEmpty) return other;
    return CodePointSet.of(...this.ranges, ...other.ranges);
  }

  complement(): CodePointSet {
    const bounds: number[] = [];
    let next = 0;
    for (let i = 0; i < this.bounds.length; i += 2) {
      if (this.bounds[i] > next) bounds.push(next, this.bounds[i] - 1);
      next = this.bounds[i + 1] + 1;
    }
    if (next <= MAX_CODE_POINT) bounds.push(next, MAX_CODE_POINT);
    return new CodePointSet(bounds);
  }

  intersect(other: CodePointSet): CodePointSet {
    return this.complement().union(other.complement()).complement();
  }

  minus(other: CodePointSet): CodePointSet {
    return this.intersect(other.complement());
  }
}
