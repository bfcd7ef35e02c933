import { sarifValidator } from './sarif-schema';

let validate: ReturnType<typeof sarifValidator> | undefined;

/** Errors of a SARIF log against the official 2.1.0 schema ([] when valid). */
export function sarifErrors(log: unknown): unknown[] {
  validate ??= sarifValidator();
  return validate(log) ? [] : [...(validate.errors ?? [])];
}
