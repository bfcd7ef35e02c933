import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The engine is pure: it owns the interfaces it needs (the template provider port and its
 * errors) and imports nothing from where templates come from, nor from the Hook or the CLI.
 */
const ENGINE = resolve(__dirname, '../../src/engine');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);
  return specifiers.filter((s) => s.startsWith('.'));
}

describe('engine structure', () => {
  it('finds the engine sources', () => {
    expect(sources(ENGINE).length).toBeGreaterThan(10);
  });

  it('imports nothing outside src/engine (no store, hook or cli)', () => {
    const outside: string[] = [];
    for (const file of sources(ENGINE)) {
      for (const specifier of relativeImports(file)) {
        const target = resolve(dirname(file), specifier);
        if (relative(ENGINE, target).startsWith('..')) outside.push(`${relative(ENGINE, file)} -> ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
