import { walkGates } from '../gating';
import type { RuleFinding } from './finding';

/**
 * Feature gating: an object schema that admits properties it does not list lets a
 * property AWS adds tomorrow through unreviewed. Each undeclared open schema is an
 * error; each declared one (`x-rcfge` open) is listed as info so reviewers see them all.
 */
export function checkGating(template: unknown): RuleFinding[] {
  const findings = new Map<string, RuleFinding>();
  walkGates(template, ({ pointer, openness, gated }) => {
    if (findings.has(pointer)) return;
    if (openness.kind === 'declared') {
      findings.set(pointer, { path: pointer, rule: 'gating', severity: 'info', message: `declared open: ${openness.why}` });
    } else if (openness.kind === 'open' && !gated) {
      const fix = openness.closable ? 'add "additionalProperties": false' : 'give it properties and "additionalProperties": false';
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
