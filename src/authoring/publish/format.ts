import type { Action, ActionKind } from './plan';

const DONE: Record<ActionKind, string> = { add: 'added', change: 'changed', unchanged: 'unchanged', delete: 'deleted', extra: 'extra (kept; --delete removes it)' };
const WOULD: Record<ActionKind, string> = { add: 'would add', change: 'would change', unchanged: 'unchanged', delete: 'would delete', extra: 'extra (kept; --delete removes it)' };

/** One line per object, then counts. */
export function formatPublish(actions: readonly Action[], bucket: string, dryRun: boolean): string {
  const words = dryRun ? WOULD : DONE;
  const lines = actions.map((a) => `${words[a.kind]}: s3://${bucket}/${a.key}`);
  const count = (kind: ActionKind) => actions.filter((a) => a.kind === kind).length;
  const summary = `${dryRun ? 'dry run: ' : ''}${count('add')} added, ${count('change')} changed, ${count('unchanged')} unchanged, ${count('delete')} deleted, ${count('extra')} extra`;
  return [...lines, summary].join('\n');
}
