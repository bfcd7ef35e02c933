import { gatesSameValue, walkGates } from '../gating';
import { declaredOpen, typesOf } from '../openness';
import { isRecord, resolveRef } from '../../engine/schema-walk';
import { joinPointer } from '../../engine/pointer';
import { compilePattern } from '../../engine/regex-engine';
import type { RuleFinding } from './finding';

/** JSON texts of objects a string branch must not admit beside a closed object (compact and pretty-printed). */
const OBJECT_TEXTS = ['{}', '{"NewFeature":{"Enabled":true}}', '{\n  "NewFeature": {\n    "Enabled": true\n  }\n}'];

function admitsObjectText(pattern: string): boolean {
  try {
    const re = compilePattern(pattern);
    return OBJECT_TEXTS.some((text) => re.test(text));
  } catch {
    return false; // an invalid pattern is the pattern rule's finding
  }
}

/** A string schema that says what the string is (not the JSON text of some object): `.*` says nothing. */
function constrainsText(node: Record<string, unknown>): boolean {
  if ('const' in node || 'enum' in node) return true;
  return typeof node.pattern === 'string' && !admitsObjectText(node.pattern);
}

/** A schema typed "object" (through `$ref` chains), the only kind a string could stand for. */
function isObjectSchema(root: unknown, node: unknown, depth = 0): boolean {
  if (!isRecord(node) || depth > 32) return false;
  if (typesOf(node)?.includes('object')) return !typesOf(node)?.includes('string');
  const target = resolveRef(root, node);
  return target !== undefined && isObjectSchema(root, target.node, depth + 1);
}

function finding(path: string, message: string): RuleFinding {
  return { path, rule: 'string-form', severity: 'error', message };
}

/**
 * A string branch around a gated object (`"type": ["object", "string"]`, or an anyOf/oneOf
 * with a free string beside a closed object) admits text the object's rules never see:
 * the engine judges the JSON text of an object as that object, but any other string
 * passes. The registry types 163 properties this way; templates approve the object form.
 */
export function checkStringForms(template: unknown): RuleFinding[] {
  const findings = new Map<string, RuleFinding>();
  walkGates(template, ({ node, pointer }) => {
    if (!isRecord(node) || findings.has(pointer)) return;
    const types = typesOf(node) ?? [];
    const asObject = { ...node, type: 'object' };
    // A declared-open object admits anything anyway: its string form opens nothing more.
    if (types.includes('object') && types.includes('string') && declaredOpen(node) === undefined && gatesSameValue(template, asObject)) {
      findings.set(pointer, finding(joinPointer(pointer, 'type'), `"type" ${JSON.stringify(node.type)} lets a string stand for this closed object; write "type": "object" (CloudFormation's JSON-text form is then parsed and judged as the object)`));
    }
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      const branches = node[keyword];
      if (!Array.isArray(branches)) continue;
      const gatedObject = branches.some((b) => isObjectSchema(template, b) && gatesSameValue(template, b));
      if (!gatedObject) continue;
      branches.forEach((b, i) => {
        if (isRecord(b) && typesOf(b)?.length === 1 && typesOf(b)?.[0] === 'string' && !constrainsText(b)) {
          const at = joinPointer(joinPointer(pointer, keyword), i);
          findings.set(at, finding(at, `a free string beside a closed object in "${keyword}" admits text the object's rules never see; constrain it (const, enum, or a pattern that admits no JSON text of an object) or remove it`));
        }
      });
    }
  });
  return [...findings.values()];
}
