/** One piece of an `Fn::Sub` string: literal text, or a `${Name}` / `${Res.Attr}` reference. */
export type SubPart = { literal: string } | { reference: string };

/**
 * Splits an `Fn::Sub` template into literal text and references. `${!Text}` is the
 * documented escape for a literal `${Text}`; an unterminated `${` is plain text.
 */
export function parseSubTemplate(template: string): SubPart[] {
  const parts: SubPart[] = [];
  let literal = '';
  let index = 0;
  while (index < template.length) {
    const start = template.indexOf('${', index);
    if (start < 0) break;
    literal += template.slice(index, start);
    if (template[start + 2] === '!') {
      literal += '${';
      index = start + 3;
      continue;
    }
    const end = template.indexOf('}', start + 2);
    if (end < 0) {
      literal += template.slice(start);
      index = template.length;
      break;
    }
    if (literal) parts.push({ literal });
    literal = '';
    // CloudFormation trims the name: `${ Name }` is `${Name}`.
    parts.push({ reference: template.slice(start + 2, end).trim() });
    index = end + 1;
  }
  literal += template.slice(index);
  if (literal) parts.push({ literal });
  return parts;
}
