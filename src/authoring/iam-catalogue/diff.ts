import type { IamCatalogueDocument } from '../../engine/iam/catalogue';

export interface ServiceChange {
  readonly service: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

export interface CatalogueDiff {
  readonly old: { readonly file: string; readonly source: string; readonly retrieved: string };
  readonly new: { readonly file: string; readonly source: string; readonly retrieved: string };
  readonly services: readonly ServiceChange[];
  readonly added: number;
  readonly removed: number;
}

/** Names in `a` missing from `b`, compared as IAM compares them (case-insensitively). */
function missingFrom(a: readonly string[], b: readonly string[]): string[] {
  const lower = new Set(b.map((n) => n.toLowerCase()));
  return a.filter((n) => !lower.has(n.toLowerCase()));
}

/**
 * Added and removed actions per service: what the security team reviews before publishing
 * a new catalogue (every added action becomes grantable by Allow statements).
 */
export function diffCatalogues(oldFile: string, before: IamCatalogueDocument, newFile: string, after: IamCatalogueDocument): CatalogueDiff {
  const services: ServiceChange[] = [];
  const names = [...new Set([...Object.keys(before.services), ...Object.keys(after.services)])].sort();
  for (const service of names) {
    const was = before.services[service];
    const now = after.services[service];
    const added = missingFrom(now ?? [], was ?? []);
    const removed = missingFrom(was ?? [], now ?? []);
    if (added.length === 0 && removed.length === 0) continue;
    services.push({ service, change: was === undefined ? 'added' : now === undefined ? 'removed' : 'changed', added, removed });
  }
  return {
    old: { file: oldFile, source: before.source, retrieved: before.retrieved },
    new: { file: newFile, source: after.source, retrieved: after.retrieved },
    services,
    added: services.reduce((n, s) => n + s.added.length, 0),
    removed: services.reduce((n, s) => n + s.removed.length, 0),
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatDiffText(diff: CatalogueDiff): string {
  const lines = [`${diff.old.file} (retrieved ${diff.old.retrieved}) -> ${diff.new.file} (retrieved ${diff.new.retrieved})`];
  for (const s of diff.services) {
    const mark = s.change === 'added' ? '+' : s.change === 'removed' ? '-' : '~';
    const what = s.change === 'added' ? `new service, ${plural(s.added.length, 'action')}` : s.change === 'removed' ? `service removed, ${plural(s.removed.length, 'action')}` : `+${s.added.length} -${s.removed.length}`;
    lines.push(`${mark} ${s.service} (${what})`);
    for (const name of s.added) lines.push(`    + ${s.service}:${name}`);
    for (const name of s.removed) lines.push(`    - ${s.service}:${name}`);
  }
  const count = (change: ServiceChange['change']) => diff.services.filter((s) => s.change === change).length;
  lines.push(
    diff.services.length === 0
      ? 'no action added or removed'
      : `${plural(diff.services.length, 'service')} changed (${count('added')} new, ${count('removed')} removed, ${count('changed')} changed): ${plural(diff.added, 'action')} added, ${diff.removed} removed`,
  );
  return lines.join('\n');
}
