/**
 * A policy's length as IAM counts it against its quotas: the JSON without whitespace.
 * CloudFormation hands the Hook every scalar as a string; a string that reads as a JSON
 * number or boolean is counted without its quotes, so the count never exceeds what IAM
 * will see (a refusal at the limit must not be a false one).
 */
export function policyLength(document: unknown): number {
  let length = 0;
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      const bare = /^(?:true|false|-?\d+(?:\.\d+)?)$/.test(value);
      length += JSON.stringify(value).replace(/\s/g, '').length - (bare ? 2 : 0);
    } else if (Array.isArray(value)) {
      length += 2 + Math.max(0, value.length - 1);
      value.forEach(visit);
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      length += 2 + Math.max(0, entries.length - 1);
      for (const [key, item] of entries) {
        length += JSON.stringify(key).replace(/\s/g, '').length + 1;
        visit(item);
      }
    } else {
      length += String(JSON.stringify(value) ?? '').length;
    }
  };
  visit(document);
  return length;
}
