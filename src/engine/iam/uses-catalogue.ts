import { POLICY_STATEMENT_KEYWORD } from '../keywords/policy-statement';
import { DATA_KEYWORDS, SCHEMA_MAP_KEYWORDS } from '../vocabulary';

/**
 * Whether a template judges policy statements, and so needs the IAM catalogue. Templates
 * that do not never cause a catalogue fetch (most resource types).
 */
export function usesIamCatalogue(schema: unknown, isMap = false): boolean {
  if (Array.isArray(schema)) return schema.some((item) => usesIamCatalogue(item));
  if (schema === null || typeof schema !== 'object') return false;
  for (const [key, child] of Object.entries(schema)) {
    if (!isMap && key === POLICY_STATEMENT_KEYWORD && child !== false) return true;
    if (!isMap && DATA_KEYWORDS.has(key)) continue;
    if (usesIamCatalogue(child, !isMap && SCHEMA_MAP_KEYWORDS.has(key))) return true;
  }
  return false;
}
