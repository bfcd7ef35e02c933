import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ROOT } from './paths';

/**
 * The SARIF 2.1.0 JSON schema is not vendored: it comes from an npm package (a devDependency).
 * Candidates, first found wins (RCFGE_SARIF_SCHEMA may point at a copy):
 * - @microsoft/sarif-multitool-linux: sarif-2.1.0.json, the final 2.1.0 schema (draft 2020-12);
 * - @microsoft/jest-sarif: lib/schemas/sarif-2.1.0-rtm.5.json (draft-04, the last release
 *   candidate, as SchemaStore publishes it).
 */
export const CANDIDATES = [
  process.env.RCFGE_SARIF_SCHEMA,
  join(ROOT, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'sarif-2.1.0.json'),
  join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'),
].filter((p): p is string => p !== undefined);
export const schemaPath = CANDIDATES.find((p) => existsSync(p));

/** Compiles the schema with the ajv class its `$schema` asks for. */
export function sarifValidator(path: string) {
  const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const draft = String(schema.$schema ?? '');
  if (draft.includes('2020-12')) return addFormats(new Ajv2020({ allErrors: true, strict: false })).compile(schema);
  // ajv 8 has no draft-04 mode; the only draft-04 spelling this schema uses is `id`. Its one
  // pattern is not valid in unicode mode (fixed in the final schema), hence unicodeRegExp off.
  const { $schema: _, id, ...rest } = schema;
  return addFormats(new Ajv({ allErrors: true, strict: false, unicodeRegExp: false })).compile({ ...rest, $id: String(id) });
}

