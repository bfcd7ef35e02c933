import { type Node, zeroWidth } from './ast';
import type { CharClass } from './char-class';

/**
 * Star height of a parsed pattern: how deeply unbounded repetitions nest where a
 * backtracking engine has a choice. Height 2 (`(a+)+`, `([a-z]+-?)*`) is where it goes
 * exponential. A repeated group whose every branch starts or ends with a mandatory
 * delimiter that none of its inner repetitions can match (`(-[a-z0-9]+)*`, `([a-z]+\.)+`)
 * splits the input in only one way, so it does not add a level.
 */

/** `{n,m}` with a small m is a bounded number of choices, not a star. */
const SMALL_BOUND = 10;

/** Probe characters for "can these two classes match the same character": ASCII and a few others. */
const PROBES: readonly number[] = [...Array.from({ length: 128 }, (_, c) => c), 0xe9, 0x3a9, 0x4e2d, 0xa0, 0x2028, 0x1f600];

function probe(cls: CharClass): ReadonlySet<number> {
  return new Set(PROBES.filter((cp) => cls.has(cp)));
}

function disjoint(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  for (const cp of a) if (b.has(cp)) return false;
  return true;
}

interface Item {
  readonly atom: Node;
  readonly min: number;
  readonly max: number;
  readonly quantified: boolean;
}

function item(node: Node): Item {
  return node.kind === 'repeat' ? { atom: node.body, min: node.min, max: node.max, quantified: true } : { atom: node, min: 1, max: 1, quantified: false };
}

function itemsOf(node: Node): Item[] {
  return (node.kind === 'seq' ? node.items : [node]).map(item);
}

/** The branches of a group-like node (its body's alternatives). */
function branchesOf(node: Node): Node[] {
  if (node.kind === 'group' || node.kind === 'atomic' || node.kind === 'look') return branchesOf(node.body);
  return node.kind === 'alt' ? [...node.branches] : [node];
}

const isGroup = (node: Node) => node.kind === 'group' || node.kind === 'atomic';
const consumes = (node: Node) => !zeroWidth(node);

/** Classes repeated anywhere inside (lookarounds excluded). */
function repeatedClasses(node: Node, inherited: boolean, out: CharClass[]): CharClass[] {
  for (const branch of branchesOf(node)) {
    for (const it of itemsOf(branch)) {
      const repeated = inherited || it.max > 1;
      if (it.atom.kind === 'chars' && repeated) out.push(it.atom.chars);
      if (isGroup(it.atom)) repeatedClasses(it.atom, repeated, out);
    }
  }
  return out;
}

function mandatorySingle(it: Item | undefined): CharClass | undefined {
  if (!it || it.atom.kind !== 'chars') return undefined;
  return it.min === 1 && it.max === 1 ? it.atom.chars : undefined;
}

function delimited(group: Node): boolean {
  return branchesOf(group).every((branch) => {
    const consuming = itemsOf(branch).filter((it) => consumes(it.atom) || it.atom.kind === 'chars');
    const inner = repeatedClasses(branch, false, []).map(probe);
    if (inner.length === 0) return true;
    const ends = [mandatorySingle(consuming[0]), mandatorySingle(consuming[consuming.length - 1])];
    return ends.some((end) => end !== undefined && inner.every((set) => disjoint(probe(end), set)));
  });
}

/** Characters the first consumed atom of a branch can match; anything complex counts as everything. */
function firstChars(branch: Node): ReadonlySet<number> {
  const first = itemsOf(branch).find((it) => consumes(it.atom));
  return first?.atom.kind === 'chars' ? probe(first.atom.chars) : new Set(PROBES);
}

/** `(a|ab)*`: branches that can start alike let the engine try every split of the input. */
function overlappingBranches(group: Node): boolean {
  const sets = branchesOf(group).map(firstChars);
  return sets.some((a, i) => sets.some((b, j) => j > i && !disjoint(a, b)));
}

function itemHeight(it: Item): number {
  const base = height(it.atom);
  if (!it.quantified) return base;
  const unbounded = it.max > SMALL_BOUND;
  if (!unbounded && !(it.max > 1 && base > 0)) return base;
  if (unbounded && isGroup(it.atom) && branchesOf(it.atom).length > 1 && overlappingBranches(it.atom)) return Math.max(base, 1) + 1;
  if (base > 0 && isGroup(it.atom) && delimited(it.atom)) return Math.max(1, base);
  return base + 1;
}

export function height(node: Node): number {
  switch (node.kind) {
    case 'seq':
      return Math.max(0, ...node.items.map((n) => itemHeight(item(n))));
    case 'alt':
      return Math.max(0, ...node.branches.map(height));
    case 'group':
    case 'atomic':
    case 'look':
      return height(node.body);
    case 'repeat':
      return itemHeight(item(node));
    default:
      return 0;
  }
}
