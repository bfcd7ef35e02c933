/**
 * Candidate strings for one pattern: random walks through the parsed pattern (strings
 * that should match) and mutations of them (near misses). Which of them match is decided
 * by Java, never here: the engine's parser only steers the search. Deterministic per
 * pattern (the random generator is seeded by the pattern text).
 */
import type { Node } from '../../src/engine/regex/ast';
import type { CharClass } from '../../src/engine/regex/char-class';
import { parseJavaPattern } from '../../src/engine/regex/java-parser';

/**
 * Characters that tell dialects apart: ASCII, line terminators, Latin-1, case-folding
 * oddities (K, ſ, İ, ı, µ, ÿ), other scripts, digits of other scripts, spaces, marks,
 * surrogates (lone), supplementary characters. All assigned in Unicode 13 (Java 17) unless
 * noted, so that Unicode versions do not decide a verdict.
 */
const POOL: readonly number[] = [
  ...Array.from({ length: 128 }, (_, c) => c),
  0x85, 0xa0, 0xad, 0xb5, 0xc0, 0xc5, 0xc9, 0xdf, 0xe5, 0xe9, 0xff, 0x100, 0x130, 0x131, 0x17f, 0x1c4, 0x1c5, 0x1c6, 0x301, 0x345, 0x391, 0x3a3, 0x3b1,
  0x3c2, 0x3c3, 0x3d1, 0x400, 0x430, 0x5d0, 0x627, 0x660, 0x669, 0x6f0, 0x905, 0x966, 0xe01, 0x1680, 0x180e, 0x1e9e, 0x1f80, 0x1f88, 0x2000, 0x2007,
  0x200b, 0x200c, 0x200d, 0x2028, 0x2029, 0x202f, 0x205f, 0x2118, 0x212a, 0x212b, 0x2160, 0x2460, 0x3000, 0x3041, 0x30a2, 0x4e2d, 0xac00, 0xd800,
  0xdc00, 0xe000, 0xfb00, 0xfdd0, 0xfeff, 0xff10, 0xff21, 0xff41, 0xfffe, 0xffff, 0x10400, 0x1d400, 0x1f600, 0x1e900, 0x20000, 0xe0001, 0x10ffff,
];

type Random = () => number;

function seeded(text: string): Random {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(items: readonly T[], rnd: Random): T => items[Math.floor(rnd() * items.length)];

function sample(chars: CharClass, rnd: Random): number | undefined {
  // Small explicit classes: any member. Large ones (negations, properties): characters of the
  // pool, so that characters assigned after Unicode 13 (Java 17) do not decide verdicts.
  if (!chars.negated && !chars.isSymbolic && !chars.set.isEmpty && chars.set.size <= 4096 && rnd() < 0.7) {
    const [lo, hi] = pick(chars.set.ranges, rnd);
    const r = rnd();
    return r < 0.25 ? lo : r < 0.5 ? hi : lo + Math.floor(rnd() * (hi - lo + 1));
  }
  const members = POOL.filter((cp) => chars.has(cp));
  if (members.length > 0) return pick(members, rnd);
  const small = chars.isSymbolic || chars.negated ? [] : chars.set.ranges.filter(([lo, hi]) => hi - lo < 4096);
  if (small.length > 0) {
    const [lo, hi] = pick(small, rnd);
    return lo + Math.floor(rnd() * (hi - lo + 1));
  }
  return undefined;
}

class Walker {
  private readonly groups = new Map<number, string>();
  constructor(private readonly rnd: Random) {}

  walk(node: Node): string {
    switch (node.kind) {
      case 'chars': {
        const cp = sample(node.chars, this.rnd);
        return cp === undefined ? '' : String.fromCodePoint(cp);
      }
      case 'seq':
        return node.items.map((item) => this.walk(item)).join('');
      case 'alt':
        return this.walk(pick(node.branches, this.rnd));
      case 'group': {
        const text = this.walk(node.body);
        if (node.capture !== undefined) this.groups.set(node.capture, text);
        return text;
      }
      case 'atomic':
        return this.walk(node.body);
      case 'repeat': {
        const spare = Math.min(node.max - node.min, node.min > 40 ? 0 : 3);
        const count = node.min + Math.floor(this.rnd() * (spare + 1));
        let text = '';
        for (let i = 0; i < count && text.length < 400; i++) text += this.walk(node.body);
        return text;
      }
      case 'backref':
        return this.groups.get(node.group) ?? '';
      case 'anchor':
        return node.anchor.includes('line') && this.rnd() < 0.2 ? '\n' : '';
      default:
        return '';
    }
  }
}

function mutate(base: string, rnd: Random): string {
  const cps = [...base];
  const at = Math.floor(rnd() * (cps.length + 1));
  const char = String.fromCodePoint(pick(POOL, rnd));
  switch (Math.floor(rnd() * 12)) {
    case 0:
      if (cps.length > 0) cps[Math.min(at, cps.length - 1)] = char;
      return cps.join('');
    case 1:
      cps.splice(at, 1);
      return cps.join('');
    case 2:
      cps.splice(at, 0, char);
      return cps.join('');
    case 3:
      return `${base}\n`;
    case 4:
      return `${base}\r\n`;
    case 5:
      return `${pick(['x', ' ', '\n', 'A'], rnd)}${base}`;
    case 6:
      return base.toUpperCase();
    case 7:
      return base.toLowerCase();
    case 8:
      return base + base;
    case 9:
      return cps.slice(0, Math.floor(cps.length / 2)).join('');
    case 10:
      return `${base}${pick(['\u2028', '\r', '\u0085', ' ', 'x', '\n\n'], rnd)}`;
    default:
      cps.splice(at, 0, char, String.fromCodePoint(pick(POOL, rnd)));
      return cps.join('');
  }
}

/** Up to `count` distinct strings for `pattern`, plus any given `extra` ones first. */
export function candidates(pattern: string, count: number, extra: readonly string[] = []): string[] {
  const rnd = seeded(pattern);
  const out = new Set<string>(extra);
  let ast: Node | undefined;
  try {
    ast = parseJavaPattern(pattern);
  } catch {
    // Java decides whether it parses; without our parse, fall back to plain mutations.
  }
  const walks: string[] = [];
  for (let i = 0; i < 4; i++) walks.push(ast ? new Walker(rnd).walk(ast) : '');
  walks.forEach((w) => out.add(w));
  for (let tries = 0; out.size < count + extra.length && tries < count * 20; tries++) {
    out.add(mutate(pick(walks, rnd), rnd));
  }
  if (!out.has('')) out.add('');
  return [...out].slice(0, count + extra.length);
}
