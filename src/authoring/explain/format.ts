import type { ApprovedProperty } from './approved';
import type { Explanation } from './explain';

function propertyLine(p: ApprovedProperty): string {
  const parts = [p.type, p.required ? `required${p.requiredRule ? ` [${p.requiredRule}]` : ''}` : undefined, ...p.constraints].filter((x): x is string => x !== undefined && x !== '');
  if (p.open !== undefined) parts.push(`declared open: ${p.open}`);
  if (p.sameAs !== undefined) parts.push(`same shape as ${p.sameAs} (recursive)`);
  const rule = p.rule ? `  [${p.rule}]` : '';
  return `  ${p.path}${parts.length > 0 ? `  ${parts.join('; ')}` : ''}${rule}`;
}

/** The explanation for a person: what is approved, under which rules, and what it depends on. */
export function explainText(e: Explanation): string {
  const lines = [`${e.typeName}  (template ${e.file})`];
  if (e.description) lines.push(e.description);
  lines.push('', `Delete: ${e.delete === 'deny' ? 'DENIED (resources of this type may not be deleted through CloudFormation)' : 'allowed'}`);
  if (e.remediation) lines.push(`Remediation: ${e.remediation}`);
  if (e.resource.length > 0) lines.push(`Resource: ${e.resource.join('; ')}`);
  lines.push('', `Approved properties (${e.properties.length}); anything else is refused as "not approved":`);
  lines.push(...(e.properties.length > 0 ? e.properties.map(propertyLine) : ['  (none)']));
  lines.push('', `Rules (${e.rules.length}):`);
  if (e.rules.length === 0) lines.push('  (none named: findings are reported as RCFGE.<keyword>)');
  for (const r of e.rules) {
    lines.push(`  [${r.id}] ${r.title}${r.controls?.length ? `  (controls: ${r.controls.join(', ')})` : ''}`, `      at ${r.at.join(', ')}`);
    if (r.remediation) lines.push(`      remediation: ${r.remediation}`);
  }
  if (e.placeholders.length > 0) {
    lines.push('', 'Placeholders (filled in by the Hook):');
    for (const p of e.placeholders) lines.push(`  ${p.name}  ${p.meaning}`);
  }
  if (e.open.length > 0) {
    lines.push('', 'Declared open (any content accepted):');
    for (const o of e.open) lines.push(`  ${o.path}  ${o.why}`);
  }
  return lines.join('\n');
}
