import { walkGates } from '../gating';
import { type Fix, mapsAnyName } from '../openness';
import { isRecord } from '../../engine/schema-walk';
import type { RuleFinding } from './finding';

function fixText(fix: Fix | undefined): string {
  if (fix === undefined) return 'give it properties and "additionalProperties": false (or "items" for an array)';
  if ('set' in fix) return fix.set === 'additionalItems' ? 'add "additionalItems": false (beside "items": [...]; write a "prefixItems" list as "items")' : `add "${fix.set}": false`;
  return 'narrow the pattern to names that are data, or remove it';
}

/**
 * Feature gating: an object schema that admits properties it does not list lets a
 * property AWS adds tomorrow through unreviewed. Each undeclared open schema is an
 * error; each declared one (`x-rcfge` open) is listed as info so reviewers see them all.
 */
export function checkGating(template: unknown): RuleFinding[] {
  const findings = new Map<string, RuleFinding>();
  // The resource's own keys are always properties, never data: a map there admits every property AWS adds.
  if (isRecord(template) && mapsAnyName(template)) {
    findings.set('', { path: '', rule: 'gating', severity: 'error', message: 'open schema: the resource\'s properties as a map (any property name, no listed "properties"), so a property AWS adds tomorrow is admitted; list the approved properties with "additionalProperties": false' });
  }
  walkGates(template, ({ pointer, openness, gated }) => {
    if (findings.has(pointer)) return;
    if (openness.kind === 'declared') {
      findings.set(pointer, { path: pointer, rule: 'gating', severity: 'info', message: `declared open: ${openness.why}` });
    } else if (openness.kind === 'open' && !gated) {
      const fix = fixText(openness.fix);
      findings.set(pointer, {
        path: pointer,
        rule: 'gating',
        severity: 'error',
        message: `open schema: ${openness.reason}; ${fix}, or declare it with "x-rcfge": {"open": "why"}`,
      });
    }
  });
  return [...findings.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
