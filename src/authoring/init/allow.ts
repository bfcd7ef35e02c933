import { isRecord } from '../../engine/schema-walk';
import { closest } from '../suggest';
import { UnknownPropertyError } from './errors';

/** `--allow P1,P2`: keeps only these top-level properties. Returns the names dropped. */
export function keepOnly(template: Record<string, unknown>, allow: readonly string[]): string[] {
  const properties = isRecord(template.properties) ? template.properties : {};
  const known = Object.keys(properties);
  const unknown = allow.filter((name) => !(name in properties));
  if (unknown.length > 0) {
    const hints = unknown.map((name) => [name, closest(name, known)] as const).filter(([, hint]) => hint).map(([name, hint]) => `${name}: did you mean ${hint}?`);
    throw new UnknownPropertyError(String(template.typeName), unknown, hints);
  }
  const keep = new Set(allow);
  const dropped = known.filter((name) => !keep.has(name));
  for (const name of dropped) delete properties[name];
  if (Array.isArray(template.required)) template.required = template.required.filter((r) => keep.has(r as string));
  return dropped;
}
