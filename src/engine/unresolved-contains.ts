import type { ErrorObject, ValidateFunction } from 'ajv';
import { toFindings } from './findings';
import { CONTAINS_KEYWORD } from './normalize';
import { isAtOrBelow, joinPointer, valueAt } from './pointer';

/** The definition name the probe's item schema is compiled under (beside the template's own definitions). */
const PROBE = '__rcfgeContainsProbe';

/** Compiles a schema with the engine's compiler (same keywords, same strictness). */
export type Compile = (schema: object) => ValidateFunction;

/** One validator per `contains` subschema of a compiled template, made on first need. */
const probes = new WeakMap<ValidateFunction, Map<string, ValidateFunction | null>>();

/**
 * The item schema of a `contains` as a schema of its own: the template's definitions stay
 * beside it, so its `$ref`s resolve as in the template. Null when it cannot be compiled so.
 */
function probeFor(validate: ValidateFunction, error: ErrorObject, compile: Compile): ValidateFunction | null {
  let byPath = probes.get(validate);
  if (!byPath) probes.set(validate, (byPath = new Map()));
  const cached = byPath.get(error.schemaPath);
  if (cached !== undefined) return cached;
  const root = (validate.schema ?? {}) as Record<string, unknown>;
  const definitions = typeof root.definitions === 'object' && root.definitions !== null ? root.definitions : {};
  let probe: ValidateFunction | null;
  try {
    probe = compile({ ...(root.$defs !== undefined ? { $defs: root.$defs } : {}), definitions: { ...definitions, [PROBE]: error.schema }, $ref: `#/definitions/${PROBE}` });
  } catch {
    probe = null;
  }
  byPath.set(error.schemaPath, probe);
  return probe;
}

/** Unresolved paths at or below `pointer`, relative to it. */
function below(unresolved: readonly string[], pointer: string): string[] {
  return unresolved.filter((u) => isAtOrBelow(u, pointer)).map((u) => u.slice(pointer.length));
}

/**
 * Whether a failed `contains` must be reported although values below it are unknown until
 * deployment. An item could satisfy it only if it does with its unknown values left unknown:
 * an item without unknown values was judged already (it failed); one with unknown values is
 * checked on its own, and fails only on what its known values show. When no item could,
 * the Hook will refuse the resource whatever the unknown values turn out to be: a finding.
 */
export function containsJudgedAnyway(validate: ValidateFunction, data: unknown, unresolved: readonly string[], compile: Compile, context: object = {}): (error: ErrorObject) => boolean {
  return (error) => {
    if (error.keyword !== CONTAINS_KEYWORD && error.keyword !== 'contains') return false;
    const items = valueAt(data, error.instancePath);
    if (!Array.isArray(items)) return false;
    let probe: ValidateFunction | null | undefined;
    for (let index = 0; index < items.length; index++) {
      const at = joinPointer(error.instancePath, index);
      const unknown = below(unresolved, at);
      if (unknown.length === 0) continue;
      probe ??= probeFor(validate, error, compile);
      if (!probe) return false;
      const item = JSON.parse(JSON.stringify(items[index] ?? null)) as unknown;
      try {
        // The same validation context as the resource's (the IAM catalogue for the policy keywords).
        if (probe.call(context, item)) return false;
      } catch {
        return false; // cannot tell: as before, nothing is judged above an unknown value
      }
      if (toFindings(probe.errors, '', item, unknown).length === 0) return false;
    }
    return true;
  };
}
