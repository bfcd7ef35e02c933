import { charSet, disjoint, PROBES } from './char-set';
import { type Alternation, type Atom, type Item, parseRegex } from './regex-ast';

/**
 * Star height of a regular expression: how deeply unbounded repetitions nest where the
 * engine has a choice. Height 2 (`(a+)+`, `([a-z]+-?)*`) is where backtracking engines go
 * exponential. A repeated group whose every branch starts or ends with a mandatory
 * delimiter that none of its inner repetitions can match (`(-[a-z0-9]+)*`, `([a-z]+\.)+`)
 * splits the input in only one way, so it does not add a level.
 */

/** `{n,m}` with a small m is a bounded number of choices, not a star. */
const SMALL_BOUND = 10;
function repeatsMany(item: Item): boolean {
  return item.quantifier !== undefined && item.quantifier.max > 1;
}

/** Sources of char-like atoms that are repeated anywhere inside a body (lookarounds excluded). */
function repeatedAtoms(body: Alternation, inherited = false, out: string[] = []): string[] {
  for (const branch of body) {
    for (const item of branch) {
      const repeated = inherited || repeatsMany(item);
      if (item.atom.kind === 'char' && repeated) out.push(item.atom.source);
      if (item.atom.kind === 'group' && !item.atom.lookaround) repeatedAtoms(item.atom.body, repeated, out);
    }
  }
  return out;
}

function mandatorySingle(item: Item | undefined): string | undefined {
  if (!item || item.atom.kind !== 'char') return undefined;
  const q = item.quantifier;
  return q === undefined || (q.min === 1 && q.max === 1) ? item.atom.source : undefined;
}

function delimited(body: Alternation): boolean {
  return body.every((branch) => {
    const consuming = branch.filter((item) => item.atom.kind !== 'assertion' && !(item.atom.kind === 'group' && item.atom.lookaround));
    const inner = repeatedAtoms([branch]).map(charSet);
    if (inner.length === 0) return true;
    const ends = [mandatorySingle(consuming[0]), mandatorySingle(consuming[consuming.length - 1])];
    return ends.some((end) => end !== undefined && inner.every((set) => disjoint(charSet(end), set)));
  });
}

/** Characters the first consumed atom of a branch can match; anything complex counts as everything. */
function firstChars(branch: readonly Item[]): ReadonlySet<string> {
  const first = branch.find((item) => item.atom.kind !== 'assertion' && !(item.atom.kind === 'group' && item.atom.lookaround));
  return first?.atom.kind === 'char' ? charSet(first.atom.source) : new Set(PROBES);
}

/** `(a|ab)*`: branches that can start alike let the engine try every split of the input. */
function overlappingBranches(body: Alternation): boolean {
  const sets = body.map(firstChars);
  return sets.some((a, i) => sets.some((b, j) => j > i && !disjoint(a, b)));
}

function atomHeight(atom: Atom): number {
  return atom.kind === 'group' ? alternationHeight(atom.body) : 0;
}

function itemHeight(item: Item): number {
  const base = atomHeight(item.atom);
  const q = item.quantifier;
  if (!q) return base;
  const unbounded = q.max > SMALL_BOUND;
  if (!unbounded && !(q.max > 1 && base > 0)) return base;
  if (unbounded && item.atom.kind === 'group' && item.atom.body.length > 1 && overlappingBranches(item.atom.body)) return Math.max(base, 1) + 1;
  if (base > 0 && item.atom.kind === 'group' && delimited(item.atom.body)) return Math.max(1, base);
  return base + 1;
}

function alternationHeight(alt: Alternation): number {
  let max = 0;
  for (const branch of alt) for (const item of branch) max = Math.max(max, itemHeight(item));
  return max;
}

export function starHeight(pattern: string): number {
  return alternationHeight(parseRegex(pattern));
}
