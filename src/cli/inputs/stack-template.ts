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

/**
 * For commands that read restricted templates (lint): a file that is a stack template was
 * handed to the wrong command; say which one to use instead of listing schema errors.
 */
export function stackTemplateMisuse(file: string, text: string): string | undefined {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    // YAML (or broken JSON): only a top-level Resources or format version line counts.
    return /^(?:Resources|AWSTemplateFormatVersion)\s*:/m.test(text) ? stackTemplateMessage(file) : undefined;
  }
  return isStackTemplateDocument(document) ? stackTemplateMessage(file) : undefined;
}

function stackTemplateMessage(file: string): string {
  return `${file} is a CloudFormation stack template, not a restricted template (a JSON Schema of resource properties): check it with rcfge validate ${file}`;
}
