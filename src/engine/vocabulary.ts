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
  'x-rcfge',
] as const;

/**
 * Keywords that look like constraints but that the engine cannot enforce: a template
 * using one would silently check less than its author thinks, so they are refused like a
 * misspelt keyword, with what to write instead. (The enforced cfn-lint keywords
 * requiredXor, requiredOr, dependentRequired, dependentExcluded, enumCaseInsensitive and
 * uniqueKeys live in src/engine/keywords.)
 */
export const REFUSED_KEYWORDS: ReadonlyMap<string, string> = new Map([
  ['required_xor', 'write "requiredXor" (exactly one of the listed properties), which the engine enforces'],
  ['cfnLint', 'it names cfn-lint rules the engine does not run; express the constraint in JSON Schema'],
  ['cfnSchema', 'it names cfn-lint schemas the engine does not load; express the constraint in JSON Schema'],
  ['awsType', 'it names a cfn-lint value type the engine does not check; use "type", "pattern" or "format"'],
]);

/** Keywords whose values are instance data (or a keyword's options), not subschemas. */
export const DATA_KEYWORDS: ReadonlySet<string> = new Set(['enum', 'const', 'default', 'examples', 'policyStatement', 'maxPolicyLength']);

/** Keywords whose lists take a whole list parameter as an element (`["$<param:X>"]` splices X in). */
export const SPLICING_KEYWORDS: ReadonlySet<string> = new Set(['enum', 'policyStatement']);

/**
 * Keyword option lists in which a whole-element `$<param:X>` that TemplateParameters does not
 * define stands for no element. Only approvals belong here: an approval list nobody set
 * approves nothing, the strict reading, where failing every resource of the type would block
 * an organisation whose type configuration predates the parameter. (`privileged` is not:
 * an empty list of privileged actions would let them all through.)
 */
export const OPTIONAL_LIST_OPTIONS: ReadonlyMap<string, ReadonlySet<string>> = new Map([['policyStatement', new Set(['approved'])]]);


/**
 * Keywords whose value maps names to subschemas: inside them a key is a property or
 * definition name, never a keyword, even when it is called "enum" or "default".
 */
export const SCHEMA_MAP_KEYWORDS: ReadonlySet<string> = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas', 'dependencies']);

/** Whether the value under `key` of an object is instance data rather than schema. */
export function holdsData(key: string, parentIsSchemaMap: boolean): boolean {
  return !parentIsSchemaMap && DATA_KEYWORDS.has(key);
}
