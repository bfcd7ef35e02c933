import fc from 'fast-check';

export interface FuzzSettings {
  readonly numRuns: number;
  readonly seed: number;
}

/**
 * jest's per-test timeout for a property: at least jest.config.js's testTimeout, and `msPerRun`
 * about 10x what one run costs on an idle machine, since a 2-core runner shared with other jobs
 * was ~8x slower (fuzz-payload: 150 runs, 9.9 s idle, ~80 s there, over the 60 s it had) and
 * `npm run fuzz` (50,000 runs) must not be cut off either.
 */
export function fuzzTimeout(settings: FuzzSettings, msPerRun = 25): number {
  return Math.max(300_000, settings.numRuns * msPerRun);
}

/** The seed of `npm test` when FUZZ_SEED is not set. */
export const DEFAULT_FUZZ_SEED = 20261130;

/**
 * One seed for every property of a run: FUZZ_SEED=N replays, FUZZ_SEED=random explores
 * (`npm run fuzz`), unset is DEFAULT_FUZZ_SEED. `npm test` (and CI, where a red run blocks
 * every landing) is deterministic: the same commit always runs the same cases, so a red run
 * is a fault of that commit, never a draw. New inputs are explored on purpose with
 * `npm run fuzz`; what it finds is fixed and kept as an example or a unit test.
 */
export function fuzzSeed(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.FUZZ_SEED;
  if (text === undefined || text === '') return DEFAULT_FUZZ_SEED;
  if (text === 'random') return (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;
  const seed = Number(text);
  if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be an integer or "random", not ${JSON.stringify(text)}`);
  return seed;
}

/** The seed every fc.assert of the process uses unless it gives its own (set by jest's setupFiles, test/support/fuzz-seed.ts). */
let processSeed: number | undefined;

export function runSeed(): number {
  processSeed ??= fuzzSeed();
  return processSeed;
}

/**
 * Run count from FUZZ_RUNS (default 2000 keeps `npm test` fast; `npm run fuzz` uses 50000),
 * seed from runSeed(). Printed once per suite so any run can be replayed; fast-check
 * itself prints the seed and the shrunk counterexample on failure.
 */
export function fuzzSettings(suite: string, defaultRuns = 2000): FuzzSettings {
  const runs = Number(process.env.FUZZ_RUNS);
  const numRuns = Number.isInteger(runs) && runs > 0 ? runs : defaultRuns;
  const seed = runSeed();
  console.log(`${suite}: fast-check seed ${seed}, ${numRuns} runs per property (replay: FUZZ_SEED=${seed} FUZZ_RUNS=${numRuns})`);
  return { numRuns, seed };
}

/** A share of the budget for properties that cost an HTTP round trip or more per run. */
export function share(settings: FuzzSettings, divisor: number): FuzzSettings {
  return { numRuns: Math.max(50, Math.floor(settings.numRuns / divisor)), seed: settings.seed };
}

/** Characters that break naive string handling: NUL, lone surrogates, bidi overrides, zero-width, BOM, astral, and spaces and line ends JS and Java regexes read otherwise (U+00A0, U+0085, U+2028). */
export const ODD_CHARS = ['\u0000', '\u00a0', '\u0085', '\u2028', '\ud800', '\udfff', '\u202e', '\u200f', '\u200b', '\u2060', '\ufeff', '\u{1F600}', 'é', '\u0301', '\n', '"', '\\', '$<', '>', '/', '~'];

export const oddChar = fc.oneof(fc.constantFrom(...ODD_CHARS), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }));

export const oddString = fc.string({ unit: oddChar, maxLength: 24 });

/** Keys that have a meaning on plain objects. */
export const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf'];

export const oddKey = fc.oneof(fc.constantFrom(...POLLUTING_KEYS), oddString, fc.constantFrom('', '0', '-1', '1e3', 'NaN'));

/** How CloudFormation (strings) and local tools (real types) may spell a scalar. */
export const scalarSpelling = fc.oneof(
  fc.constantFrom('true', 'false', 'TRUE', '1', '0', '', ' 5', '5 ', '1e3', '0x10', '-0', 'NaN', 'null', 'Infinity'),
  fc.integer().map(String),
  fc.double({ noNaN: true }).map(String),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constant(null),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: scalarSpelling },
  { weight: 3, arbitrary: oddString },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(oddKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.array(oddString, { maxLength: 4 }) },
);

type Json = unknown;

/** Every location in a JSON value as a list of keys (the root is []). */
export function locations(value: Json, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((item, i) => locations(item, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) locations(v, [...path, k], out);
  return out;
}

export type Mutation =
  | { readonly op: 'replace'; readonly at: number; readonly value: unknown }
  | { readonly op: 'delete'; readonly at: number }
  | { readonly op: 'add'; readonly at: number; readonly key: string; readonly value: unknown }
  | { readonly op: 'respell'; readonly at: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('add' as const), at: fc.nat(), key: oddKey, value: hostileValue }),
  fc.record({ op: fc.constant('respell' as const), at: fc.nat() }),
);

function setOwn(target: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  // defineProperty, so "__proto__" becomes an own key as JSON.parse makes it, not a prototype switch.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** CloudFormation sends scalars as strings: true -> "true", 5 -> "5"; strings stay. */
function respelled(value: unknown): unknown {
  return typeof value === 'boolean' || typeof value === 'number' ? String(value) : value;
}

/** Applies mutations to a deep copy; `at` picks a location modulo how many there are. */
export function mutate(value: Json, mutations: readonly Mutation[]): Json {
  let root = structuredClone(value);
  for (const m of mutations) {
    const all = locations(root);
    const path = all[m.at % all.length];
    const parentPath = path.slice(0, -1);
    const key = path[path.length - 1];
    let parent: unknown = root;
    for (const k of parentPath) parent = (parent as Record<string | number, unknown>)[k];
    const node = key === undefined ? root : (parent as Record<string | number, unknown>)[key];
    if (m.op === 'add') {
      if (node !== null && typeof node === 'object') {
        if (Array.isArray(node)) node.push(m.value);
        else setOwn(node as Record<string, unknown>, m.key, m.value);
      }
      continue;
    }
    if (key === undefined) {
      if (m.op === 'replace') root = m.value;
      continue;
    }
    const container = parent as Record<string | number, unknown>;
    if (m.op === 'delete') {
      if (Array.isArray(container)) container.splice(key as number, 1);
      else delete container[key];
    } else if (m.op === 'replace') {
      setOwn(container, key, m.value);
    } else {
      setOwn(container, key, respelled(node));
    }
  }
  return root;
}
