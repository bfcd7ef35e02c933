import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REGISTRY } from './paths.mjs';

/** The registry schema files, sorted; `sample` picks that many spread evenly over the list. */
export function registryFiles(sample) {
  const all = readdirSync(REGISTRY).filter((f) => f.endsWith('.json')).sort().map((f) => join(REGISTRY, f));
  if (!sample || sample >= all.length) return all;
  return Array.from({ length: sample }, (_, i) => all[Math.floor((i * all.length) / sample)]);
}
