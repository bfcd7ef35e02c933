import type Ajv from 'ajv';
import { everySchema, isRecord } from '../../engine/schema-walk';
import { joinPointer } from '../../engine/pointer';
import { REFUSED_KEYWORDS } from '../../engine/vocabulary';
import { didYouMean } from '../suggest';
import type { RuleFinding } from './finding';

/** Keywords the engine's ajv knows (JSON Schema, registry vocabulary, formats aside). */
export function knownKeywords(ajv: Ajv): Set<string> {
  return new Set(Object.keys(ajv.RULES.keywords));
}

/**
 * ajv stops at the first unknown keyword and does not say where it is; this names every
 * one with its location and the keyword that was probably meant.
 */
export function checkKeywords(template: unknown, known: ReadonlySet<string>): RuleFinding[] {
  const findings: RuleFinding[] = [];
  everySchema(template, (node, pointer) => {
    if (!isRecord(node)) return;
    for (const key of Object.keys(node)) {
      if (known.has(key)) continue;
      const refused = REFUSED_KEYWORDS.get(key);
      findings.push({
        path: joinPointer(pointer, key),
        rule: 'keyword',
        severity: 'error',
        message: refused
          ? `keyword "${key}" is not enforced by the engine, which refuses the template: ${refused}`
          : `unknown keyword "${key}"${didYouMean(key, known)}: the engine refuses the template (a misspelt keyword would silently disable a check)`,
      });
    }
  });
  return findings;
}
