/**
 * Why a call could not be made, in one line for the report. Every such failure makes a check
 * `unknown` ("cannot check"): access denied, throttling, an expired token or a network fault
 * says nothing about the Hook's health, so it is never read as healthy nor as drift.
 */
export function reasonOf(error: unknown): string {
  const e = error as { name?: string; Code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e?.name && e.name !== 'Error' ? e.name : (e?.Code ?? 'Error');
  const status = e?.$metadata?.httpStatusCode;
  const message = (e?.message ?? String(error)).replace(/\s+/g, ' ').trim();
  const text = `${name}${status ? ` (HTTP ${status})` : ''}: ${message}`;
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/** The service's error name (SDK v3 exception name or Query error code). */
export function errorName(error: unknown): string {
  const e = error as { name?: string; Code?: string };
  return e?.name ?? e?.Code ?? '';
}

/** CloudFormation answers "no such stack" as a 400 ValidationError with this wording. */
export function isMissingStack(error: unknown): boolean {
  return errorName(error) === 'ValidationError' && /does not exist/i.test((error as Error).message ?? '');
}
