import { CodePointSet } from './code-points';
import { hasProperty, propertySet } from './unicode';

/** A Unicode property as V8 spells it inside `\p{...}` ("Lu", "Script=Greek", "Alphabetic"). */
export interface Property {
  readonly name: string;
  readonly negated: boolean;
}

/**
 * The characters one position of a pattern may match: the union of explicit code points
 * and Unicode properties, possibly negated as a whole. Properties stay symbolic (printed as
 * `\p{...}`) as long as the output syntax can say the class that way; an intersection, or
 * a negated class inside a union, is computed explicitly instead.
 */
export class CharClass {
  private constructor(
    readonly negated: boolean,
    readonly set: CodePointSet,
    readonly properties: readonly Property[],
  ) {}

  static of(set: CodePointSet): CharClass {
    return new CharClass(false, set, []);
  }

  static range(lo: number, hi: number): CharClass {
    return CharClass.of(CodePointSet.of([lo, hi]));
  }

  static chars(...cps: number[]): CharClass {
    return CharClass.of(CodePointSet.fromCodePoints(cps));
  }

  static property(name: string, negated = false): CharClass {
    return new CharClass(false, CodePointSet.EMPTY, [{ name, negated }]);
  }

  static readonly NONE = CharClass.of(CodePointSet.EMPTY);
  static readonly ANY = CharClass.of(CodePointSet.ALL);

  get isSymbolic(): boolean {
    return this.properties.length > 0;
  }

  has(cp: number): boolean {
    const inside = this.set.has(cp) || this.properties.some((p) => hasProperty(p.name, cp) !== p.negated);
    return inside !== this.negated;
  }

  negate(): CharClass {
    if (!this.isSymbolic) return CharClass.of(this.set.complement());
    return new CharClass(!this.negated, this.set, this.properties);
  }

  union(...others: CharClass[]): CharClass {
    let out: CharClass = this;
    for (const other of others) {
      if (!out.negated && !other.negated) out = new CharClass(false, out.set.union(other.set), [...out.properties, ...other.properties]);
      else out = CharClass.of(out.explicit().union(other.explicit()));
    }
    return out;
  }

  intersect(other: CharClass): CharClass {
    return CharClass.of(this.explicit().intersect(other.explicit()));
  }

  /** The class as explicit code points (scans Unicode for each property not yet known). */
  explicit(): CodePointSet {
    let set = this.set;
    for (const p of this.properties) {
      const members = propertySet(p.name);
      set = set.union(p.negated ? members.complement() : members);
    }
    return this.negated ? set.complement() : set;
  }

  /** The only code point this class matches, if it is one explicit character. */
  get single(): number | undefined {
    return this.negated || this.isSymbolic ? undefined : this.set.single;
  }
}
