import { CANDIDATES, sarifValidator, schemaPath } from './sarif-schema';

/** Errors of a SARIF log against the 2.1.0 schema ([] when valid); throws when no schema package is installed. */
export function sarifErrors(log: unknown): unknown[] {
  if (!schemaPath) throw new Error(`no SARIF 2.1.0 schema installed (looked for ${CANDIDATES.join(', ')})`);
  const validate = sarifValidator(schemaPath);
  return validate(log) ? [] : [...(validate.errors ?? [])];
}
