/** A cheap look before parsing: a CloudFormation template has a top-level Resources (or format version) key. */
export function looksLikeStackTemplate(text: string): boolean {
  return /^(?:Resources|AWSTemplateFormatVersion)\s*:/m.test(text) || /"(?:Resources|AWSTemplateFormatVersion)"\s*:/.test(text);
}

/** A parsed JSON document that is a stack template rather than a Hook request: top-level Resources, no requestData. */
export function isStackTemplateDocument(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return !('requestData' in record) && ('Resources' in record || 'AWSTemplateFormatVersion' in record);
}
