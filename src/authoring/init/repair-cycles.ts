import { findRefCycle } from '../../engine/ref-checks';
import { nodeAt, setAt } from '../../engine/schema-walk';
import type { Repair } from './repair';

const MAX_REPAIRS = 64;

/**
 * A `$ref` chain that returns to itself without descending into the value (a definition
 * that is only a `$ref` to itself) never ends. The schema that closes the loop becomes
 * `{"not": {}}`: nothing is approved there until the security team defines it.
 */
export function repairRefCycles(template: Record<string, unknown>): Repair[] {
  const repairs: Repair[] = [];
  for (let i = 0; i < MAX_REPAIRS; i++) {
    const cycle = findRefCycle(template);
    if (!cycle) break;
    const closing = cycle.length >= 2 ? cycle[cycle.length - 2] : cycle[0];
    const node = nodeAt(template, closing) as Record<string, unknown> | undefined;
    const ref = node && typeof node.$ref === 'string' ? node.$ref : '?';
    const message = `rcfge init replaced a $ref cycle without progress (${cycle.map((p) => p || '/').join(' -> ')}) with a schema that approves nothing; define ${closing} to allow it.`;
    if (closing === '') throw new Error(`the root schema is part of a $ref cycle (${ref})`);
    setAt(template, closing, { not: {}, $comment: message });
    repairs.push({ pointer: closing, message });
  }
  return repairs;
}
