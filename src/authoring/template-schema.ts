/**
 * A JSON Schema of template files for editors (VS Code, JetBrains: completion and checks
 * while typing): every keyword the engine knows, each with its shape, `x-rcfge` with its
 * allowed keys, and nothing else, so a misspelt keyword is flagged as the engine would
 * refuse it. Generated from the engine's own keyword list (a test keeps the committed
 * copy, schemas/rcfge-template.schema.json, in step).
 */

type Schema = Record<string, unknown>;

const REF = { $ref: '#/definitions/schema' };
const SCHEMA_MAP = { type: 'object', additionalProperties: REF };
const SCHEMA_LIST = { type: 'array', minItems: 1, items: REF };
const COUNT = { type: 'integer', minimum: 0 };
const TYPES = ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'];

/** Shapes of the keywords whose value is checked; every other known keyword is an annotation (any value). */
const SHAPES: Readonly<Record<string, Schema>> = {
  $schema: { type: 'string', description: 'The meta-schema (as in registry schemas); an annotation here.' },
  $id: { type: 'string' },
  $ref: { type: 'string', pattern: '^#', description: 'A local reference (#/definitions/Name); the engine refuses remote ones.' },
  $comment: { type: 'string' },
  title: { type: 'string' },
  description: { type: 'string' },
  typeName: { type: 'string', pattern: '^[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$', description: 'The resource type, e.g. AWS::S3::Bucket; the file is named after it (aws-s3-bucket.json).' },
  type: { anyOf: [{ enum: TYPES }, { type: 'array', items: { enum: TYPES }, uniqueItems: true }] },
  enum: { type: 'array', description: 'The approved values. $<param:NAME> as a whole element is replaced by the list it names.' },
  const: { description: 'The one approved value.' },
  default: {},
  examples: { type: 'array' },
  properties: { ...SCHEMA_MAP, description: 'Approved properties; close the object with "additionalProperties": false.' },
  patternProperties: SCHEMA_MAP,
  definitions: SCHEMA_MAP,
  $defs: SCHEMA_MAP,
  dependencies: { type: 'object', additionalProperties: { anyOf: [REF, { type: 'array', items: { type: 'string' } }] } },
  additionalProperties: { ...REF, description: 'false closes the object: a property nobody approved is refused (feature gating).' },
  additionalItems: REF,
  items: { anyOf: [REF, SCHEMA_LIST] },
  prefixItems: SCHEMA_LIST,
  contains: REF,
  propertyNames: REF,
  not: REF,
  if: REF,
  then: REF,
  else: REF,
  allOf: SCHEMA_LIST,
  anyOf: SCHEMA_LIST,
  oneOf: SCHEMA_LIST,
  contentSchema: REF,
  required: { type: 'array', items: { type: 'string' }, uniqueItems: true },
  pattern: { type: 'string', format: 'regex', description: 'A regular expression; placeholders inside are regex-escaped. Nested unbounded quantifiers run on the linear-time engine or are refused.' },
  format: { type: 'string' },
  maxLength: COUNT,
  minLength: COUNT,
  maxItems: COUNT,
  minItems: COUNT,
  maxProperties: COUNT,
  minProperties: COUNT,
  uniqueItems: { type: 'boolean' },
  maximum: { type: 'number' },
  minimum: { type: 'number' },
  exclusiveMaximum: { type: 'number' },
  exclusiveMinimum: { type: 'number' },
  multipleOf: { type: 'number', exclusiveMinimum: 0 },
  readOnly: { type: 'boolean' },
  writeOnly: { type: 'boolean' },
  deprecated: { type: 'boolean' },
  coversArns: { type: 'array', items: { type: 'string' }, description: 'ARN patterns a statement Resource must cover, as IAM matches; ${/Pointer} reads a property of the resource.' },
  policyStatement: {
    description: 'On an IAM policy statement schema: actions judged against the approved IAM catalogue (iam-actions.json) and the RCFGE-IAM rules; true, or options.',
    oneOf: [
      { type: 'boolean' },
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          privileged: { type: 'array', items: { type: 'string' }, description: 'Privileged actions (service:Action) refused on every resource unless approved; replaces the default list.' },
          approved: { type: 'array', items: { type: 'string' }, description: 'Privileged actions approved on every resource; a whole "$<param:NAME>" element is spliced in.' },
          wildcards: { enum: ['catalogue', 'explicit'], description: 'catalogue (default): a wildcard must match an approved action; explicit: no wildcards in Allow statements.' },
        },
      },
    ],
  },
  maxPolicyLength: { type: ['integer', 'string'], description: 'On a policy document schema: its length without whitespace, as IAM counts it, at most this (2048 for role trust policies); a string of digits may come from a parameter.' },
};

/** Keywords the engine registers for its own compiled forms: never written in a template. */
const INTERNAL = /^(rcfge[A-Z]|\$async$|\$vocabulary$|nullable$)/;

const RULE_KEYS = {
  id: { type: 'string', pattern: '^(?!RCFGE\\.)[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$', description: 'Rule id, reported with every finding under this subschema (SARIF ruleId), e.g. ORG-S3-1.' },
  title: { type: 'string', minLength: 1, maxLength: 200, description: 'What the rule requires, in words.' },
  remediation: { type: 'string', minLength: 1, description: 'How to comply (SARIF help; appended to Hook messages).' },
  controls: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Control ids the rule implements, e.g. CT.S3.PR.1.' },
};

function extension(root: boolean): Schema {
  return {
    type: 'object',
    description: root
      ? 'rcfge policy of the template: delete (allow | deny), remediation, and optionally a rule (id, title, controls).'
      : 'rcfge annotation of this subschema: a rule (id + title, remediation, controls) and/or "open": why this object is intentionally free-form.',
    properties: {
      ...(root ? { delete: { enum: ['allow', 'deny'], description: 'deny: removing (or replacing) a resource of this type is refused.' } } : {}),
      open: { type: 'string', description: 'Why this object is intentionally open (free-form JSON); rcfge lint lists it instead of reporting it.' },
      ...RULE_KEYS,
    },
    additionalProperties: false,
    dependencies: { id: ['title'], title: ['id'], controls: ['id'], ...(root ? {} : { remediation: ['id'] }) },
  };
}

function schemaNode(keywords: readonly string[], root: boolean): Schema {
  const properties: Record<string, unknown> = {};
  for (const keyword of keywords) properties[keyword] = SHAPES[keyword] ?? { description: 'Registry or cfn-lint annotation, or an rcfge keyword (see README).' };
  properties['x-rcfge'] = { $ref: root ? '#/definitions/rootExtension' : '#/definitions/extension' };
  return { type: 'object', properties, additionalProperties: false };
}

export function templateJsonSchema(knownKeywords: Iterable<string>): Schema {
  const keywords = [...knownKeywords].filter((k) => !INTERNAL.test(k) && k !== 'x-rcfge').sort();
  const root = schemaNode(keywords, true);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://example.invalid/rcfge/schemas/rcfge-template.schema.json',
    title: 'RCFGE restricted resource schema template',
    description: 'A JSON Schema for the Properties of one CloudFormation resource type, enforced by the RCFGE Hook. Generated from the engine\'s keywords: rcfge lint checks the rest.',
    ...root,
    required: ['typeName'],
    definitions: {
      schema: { anyOf: [{ type: 'boolean' }, schemaNode(keywords, false)] },
      extension: extension(false),
      rootExtension: extension(true),
    },
  };
}
