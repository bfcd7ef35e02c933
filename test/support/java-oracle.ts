import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidPatternError, PatternError, UnsafePatternError, UnsupportedPatternError } from '../../src/engine/errors';
import { compileOn, compilePattern, type RegExpLike, type Route } from '../../src/engine/regex-engine';

/**
 * Compares the engine with real java.util.regex verdicts committed by
 * scripts/java-regex-oracle/generate.mjs (test/fixtures/java-regex/oracle.json), through
 * the engine's choice of engine and through each engine alone.
 */
export interface OraclePattern {
  readonly pattern: string;
  readonly origin: 'registry' | 'edge';
  readonly javaError?: string;
  readonly cases?: ReadonlyArray<readonly [string, boolean]>;
}

export interface OracleFixture {
  readonly java: string;
  readonly registryPatterns: number;
  readonly edgePatterns: number;
  readonly cases: number;
  readonly patterns: readonly OraclePattern[];
}

/** One place where the engine differs from Java. */
export interface Difference {
  readonly pattern: string;
  /** 'engine': the engine's own choice of route; 'v8' / 're2': that engine alone. */
  readonly route: 'engine' | Route;
  /** A string judged otherwise than Java; absent when the pattern itself is treated otherwise. */
  readonly input?: string;
  /** 'verdict': a string judged otherwise; 'refused': Java accepts the pattern, the engine does not; 'accepted': the reverse. */
  readonly kind: 'verdict' | 'refused' | 'accepted';
}

/** A listed, explained difference (test/fixtures/java-regex/known-differences.json); no `inputs` = any input. */
export interface KnownDifference {
  readonly pattern: string;
  readonly routes: ReadonlyArray<'engine' | Route>;
  readonly kind: Difference['kind'];
  readonly inputs?: readonly string[];
  readonly reason: string;
}

export function covers(known: KnownDifference, d: Difference): boolean {
  return known.pattern === d.pattern && known.kind === d.kind && known.routes.includes(d.route) && (known.inputs === undefined || (d.input !== undefined && known.inputs.includes(d.input)));
}

const FIXTURES = join(__dirname, '..', 'fixtures', 'java-regex');

export function loadOracle(): OracleFixture {
  return JSON.parse(readFileSync(join(FIXTURES, 'oracle.json'), 'utf8')) as OracleFixture;
}

export function loadKnownDifferences(): KnownDifference[] {
  return JSON.parse(readFileSync(join(FIXTURES, 'known-differences.json'), 'utf8')) as KnownDifference[];
}

function attempt(compile: () => RegExpLike): RegExpLike | PatternError {
  try {
    return compile();
  } catch (error) {
    if (error instanceof PatternError) return error;
    throw error;
  }
}

export interface Comparison {
  readonly differences: Difference[];
  /** Verdicts compared per route, and patterns each route could not express. */
  readonly compared: Record<'engine' | Route, number>;
  readonly inexpressible: Record<Route, number>;
}

/** Every difference between the engine and Java on the fixture. */
export function compare(fixture: OracleFixture): Comparison {
  const differences: Difference[] = [];
  const compared = { engine: 0, v8: 0, re2: 0 };
  const inexpressible = { v8: 0, re2: 0 };
  for (const entry of fixture.patterns) {
    const engine = attempt(() => compilePattern(entry.pattern));
    if (entry.javaError !== undefined) {
      // Java refuses it: so must the engine, whatever the reason it gives.
      if (!(engine instanceof PatternError)) differences.push({ pattern: entry.pattern, route: 'engine', kind: 'accepted' });
      continue;
    }
    if (engine instanceof InvalidPatternError || engine instanceof UnsupportedPatternError || engine instanceof UnsafePatternError) {
      differences.push({ pattern: entry.pattern, route: 'engine', kind: 'refused' });
      continue;
    }
    const routes: Array<['engine' | Route, RegExpLike | PatternError]> = [
      ['engine', engine as RegExpLike],
      ['v8', attempt(() => compileOn(entry.pattern, 'v8'))],
      ['re2', attempt(() => compileOn(entry.pattern, 're2'))],
    ];
    for (const [route, compiled] of routes) {
      if (compiled instanceof PatternError) {
        // RE2 has no lookaround or backreferences; the engine never sends such a pattern there.
        inexpressible[route as Route]++;
        continue;
      }
      for (const [input, java] of entry.cases ?? []) {
        compared[route]++;
        if (compiled.test(input) !== java) differences.push({ pattern: entry.pattern, route, input, kind: 'verdict' });
      }
    }
  }
  return { differences, compared, inexpressible };
}
