import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { ROOT } from './paths';

/**
 * The official SARIF 2.1.0 JSON schema (OASIS, errata 01: the `$schema` our logs name),
 * kept as data in the repository so the check always runs: test/fixtures/sarif/README.md
 * says where it comes from. (@microsoft/jest-sarif only carries the last release candidate,
 * rtm.5, which differs from the standard.)
 */
export const schemaPath = join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json');

/** Compiles the schema (draft-04: ajv 8 reads it once `id` is spelt `$id`; formats checked, `uri-reference` included). */
export function sarifValidator(path: string = schemaPath) {
  const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const { $schema: _, id, ...rest } = schema;
  return addFormats(new Ajv({ allErrors: true, strict: false, unicodeRegExp: false })).compile({ ...rest, $id: String(id) });
}
