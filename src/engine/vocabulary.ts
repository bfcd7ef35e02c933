/**
 * Keywords of the CloudFormation registry meta-schema and of cfn-lint's schema copies.
 * They carry no validation meaning for us, so ajv treats them as annotations; ajv's strict
 * mode stays on for every other keyword, so a misspelt `additionalProperty` is an error.
 */
export const REGISTRY_KEYWORDS = [
  'typeName',
  'insertionOrder',
  'arrayType',
  'readOnlyProperties',
  'writeOnlyProperties',
  'createOnlyProperties',
  'conditionalCreateOnlyProperties',
  'deprecatedProperties',
  'nonPublicProperties',
  'nonPublicDefinitions',
  'primaryIdentifier',
  'additionalIdentifiers',
  'handlers',
  'tagging',
  'taggable',
  'relationshipRef',
  'sourceUrl',
  'documentationUrl',
  'replacementStrategy',
  'propertyTransform',
  'resourceLink',
  'propertyTransformSchema',
  'required_xor',
  'requiredXor',
  'requiredOr',
  'enumCaseInsensitive',
  'dependentExcluded',
  'dependentRequired',
  'uniqueKeys',
  'cfnLint',
  'cfnSchema',
  'awsType',
  'x-rcfge',
] as const;

/** Keywords whose values are instance data, not subschemas. */
export const DATA_KEYWORDS: ReadonlySet<string> = new Set(['enum', 'const', 'default', 'examples']);
