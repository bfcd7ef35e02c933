import { CodePointSet } from './code-points';

/**
 * Unicode data the translation needs, taken from V8's own tables (the engine that runs the
 * patterns) rather than shipped: property sets and Java's simple case mappings.
 */

const propertySets = new Map<string, CodePointSet>();

/** Whether V8 knows `\p{name}` (a general category, `Script=...`, or a binary property). */
export function isV8Property(name: string): boolean {
  try {
    new RegExp(`\\p{${name}}`, 'u');
    return true;
  } catch {
    return false;
  }
}

/**
 * The code points of `\p{name}`, by scanning all of Unicode once per property (tens of
 * milliseconds). Needed only where a class combines properties in ways the output syntax
 * cannot (intersection, negation inside a union) or the linear-time engine lacks the property.
 */
export function propertySet(name: string): CodePointSet {
  let set = propertySets.get(name);
  if (!set) {
    set = scanProperty(name);
    propertySets.set(name, set);
  }
  return set;
}

/** Aligned so that a chunk never holds both halves of a surrogate pair (U+DC00 starts a chunk). */
const CHUNK = 1024;
const chunkTexts: string[] = [];

/** The text of all code points of one chunk (built once: about 4 MB for all of Unicode). */
function chunkText(index: number): string {
  let text = chunkTexts[index];
  if (text === undefined) {
    const lo = index * CHUNK;
    const astral = lo > 0xffff;
    const units = new Uint16Array(CHUNK * (astral ? 2 : 1));
    for (let k = 0, i = 0; k < CHUNK; k++) {
      const cp = lo + k;
      if (astral) {
        units[i++] = 0xd800 + ((cp - 0x10000) >> 10);
        units[i++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
      } else {
        units[i++] = cp;
      }
    }
    text = String.fromCharCode.apply(null, units as unknown as number[]);
    chunkTexts[index] = text;
  }
  return text;
}

/** The text of code points lo..hi, which lie in one chunk. */
function rangeText(lo: number, hi: number): string {
  const index = Math.floor(lo / CHUNK);
  const width = lo > 0xffff ? 2 : 1;
  const start = (lo - index * CHUNK) * width;
  return chunkText(index).slice(start, start + (hi - lo + 1) * width);
}

/**
 * Runs of `\\p{name}` found chunk by chunk: a chunk whose characters all have (or all lack)
 * the property is settled by one regex test on its text; mixed chunks are halved.
 */
function scanProperty(name: string): CodePointSet {
  const every = new RegExp(`^\\p{${name}}*$`, 'u');
  const none = new RegExp(`^\\P{${name}}*$`, 'u');
  const pairs: Array<[number, number]> = [];
  const visit = (lo: number, hi: number): void => {
    const text = rangeText(lo, hi);
    if (every.test(text)) pairs.push([lo, hi]);
    else if (lo < hi && !none.test(text)) {
      const mid = (lo + hi) >> 1;
      visit(lo, mid);
      visit(mid + 1, hi);
    }
  };
  for (let lo = 0; lo <= 0x10ffff; lo += CHUNK) visit(lo, lo + CHUNK - 1);
  return CodePointSet.of(...pairs);
}

const propertyTests = new Map<string, RegExp>();

export function hasProperty(name: string, cp: number): boolean {
  let re = propertyTests.get(name);
  if (!re) {
    re = new RegExp(`^\\p{${name}}$`, 'u');
    propertyTests.set(name, re);
  }
  return re.test(String.fromCodePoint(cp));
}

function singleCodePoint(text: string): number | undefined {
  const cp = text.codePointAt(0) as number;
  return text.length === (cp > 0xffff ? 2 : 1) ? cp : undefined;
}

/**
 * Java's Character.toUpperCase(int): the simple mapping. JavaScript's toUpperCase applies
 * the full mapping ("ß" -> "SS"); where that is more than one character, the simple
 * mapping is (near enough) the character itself.
 */
export function upperCase(cp: number): number {
  if (cp >= 0xd800 && cp <= 0xdfff) return cp;
  return singleCodePoint(String.fromCodePoint(cp).toUpperCase()) ?? cp;
}

/** Java's Character.toLowerCase(int); U+0130's full mapping has two characters, its simple one is "i". */
export function lowerCase(cp: number): number {
  if (cp === 0x130) return 0x69;
  if (cp >= 0xd800 && cp <= 0xdfff) return cp;
  return singleCodePoint(String.fromCodePoint(cp).toLowerCase()) ?? cp;
}

/** Characters with a case mapping all lie below this (Adlam is the last cased script). */
const CASED_LIMIT = 0x1e950;

let casedCharacters: number[] | undefined;
let caseClasses: Map<number, number[]> | undefined;

/** Java's case-insensitive identity of a character under UNICODE_CASE. */
function caseKey(cp: number): number {
  return lowerCase(upperCase(cp));
}

function buildCaseTables(): void {
  casedCharacters = [];
  caseClasses = new Map();
  for (let cp = 0; cp < CASED_LIMIT; cp++) {
    const key = caseKey(cp);
    if (key === cp && upperCase(cp) === cp) continue;
    casedCharacters.push(cp);
    let members = caseClasses.get(key);
    if (!members) {
      members = [key];
      caseClasses.set(key, members);
    }
    if (!members.includes(cp)) members.push(cp);
  }
}

/** Every character `cp` matches under (?iu): those whose lower(upper(x)) is the same. */
export function unicodeCaseVariants(cp: number): CodePointSet {
  if (!caseClasses) buildCaseTables();
  const members = (caseClasses as Map<number, number[]>).get(caseKey(cp));
  return members ? CodePointSet.fromCodePoints([cp, ...members]) : CodePointSet.single(cp);
}

/** Java's CIRangeU: x matches [lo-hi] under (?iu) if x, upper(x) or lower(upper(x)) lies in the range. */
export function unicodeCaseRange(lo: number, hi: number): CodePointSet {
  if (!casedCharacters) buildCaseTables();
  const extra = (casedCharacters as number[]).filter((x) => {
    const up = upperCase(x);
    const low = lowerCase(up);
    return (up >= lo && up <= hi) || (low >= lo && low <= hi);
  });
  return CodePointSet.of([lo, hi]).union(CodePointSet.fromCodePoints(extra));
}
