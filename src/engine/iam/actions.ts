/** One entry of a statement's Action or NotAction, as IAM reads it. */
export type ActionEntry =
  | { readonly kind: 'all' }
  | { readonly kind: 'malformed'; readonly why: string }
  | { readonly kind: 'named'; readonly service: string; readonly action: string };

const SERVICE_PART = /^[A-Za-z0-9*?-]+$/;
const ACTION_PART = /^[A-Za-z0-9_*?-]+$/;

/** `*`, or `service:Action` where either part may hold IAM wildcards (`*`, `?`). */
export function parseActionEntry(entry: string): ActionEntry {
  if (entry === '*') return { kind: 'all' };
  const colon = entry.indexOf(':');
  if (colon < 0) return { kind: 'malformed', why: 'has no service prefix' };
  const service = entry.slice(0, colon);
  const action = entry.slice(colon + 1);
  if (service === '' || action === '') return { kind: 'malformed', why: service === '' ? 'has an empty service prefix' : 'has an empty action name' };
  if (action.includes(':')) return { kind: 'malformed', why: 'has more than one ":"' };
  if (!SERVICE_PART.test(service)) return { kind: 'malformed', why: `has a character a service prefix cannot hold in ${JSON.stringify(service)}` };
  if (!ACTION_PART.test(action)) return { kind: 'malformed', why: `has a character an action name cannot hold in ${JSON.stringify(action)}` };
  return { kind: 'named', service, action };
}

/**
 * `s3:*`, `s3:**`, `s3:?*`: every action of the service, including those AWS adds later. A
 * pattern of only wildcards with a `*` matches every name at least as long as its `?`s, and
 * every action name is longer than that: `?` must not be a way around the rule.
 */
export function isWholeService(action: string): boolean {
  return /^[*?]*\*[*?]*$/.test(action);
}
