import type { Metafile } from './bundle';

export interface Contributor {
  /** npm package (`@smithy/core`) or, for our own code, its folder (`src/engine`). */
  readonly name: string;
  readonly bytes: number;
}

/** Which package a bundle input belongs to: the last node_modules segment wins (nested installs). */
export function ownerOf(input: string): string {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at >= 0 && at + 1 < parts.length) {
    return parts[at + 1].startsWith('@') && at + 2 < parts.length ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
  }
  return parts.length > 2 ? parts.slice(0, 2).join('/') : input;
}

/** Bytes each package contributes to the minified output, largest first. */
export function contributors(metafile: Metafile): Contributor[] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = ownerOf(input);
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes || (a.name < b.name ? -1 : 1));
}
