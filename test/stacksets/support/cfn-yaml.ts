/**
 * Test-side reader for the CloudFormation YAML templates in stacksets/: turns the
 * short-form tags (!Sub, !Ref, ...) into their long JSON form ({"Fn::Sub": ...}),
 * so the tests look at exactly what CloudFormation would receive.
 *
 * Kept separate from src/cfn on purpose: these tests must not depend on the code
 * paths they are meant to cross-check, and they need every intrinsic resolved to
 * test values (src/cfn leaves deploy-time values unresolved).
 */
import { readFileSync } from 'node:fs';
import { isMap, isSeq, parseDocument, type Tags } from 'yaml';

export class TemplateParseError extends Error {
  constructor(readonly file: string, message: string, options?: { cause?: unknown }) {
    super(`${file}: ${message}`, options);
    this.name = 'TemplateParseError';
  }
}

const FUNCTIONS = [
  'Base64', 'Cidr', 'FindInMap', 'GetAZs', 'GetAtt', 'If', 'ImportValue', 'Join',
  'Select', 'Split', 'Sub', 'Equals', 'Not', 'And', 'Or', 'ToJsonString',
] as const;

function longName(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

/** !GetAtt A.B is the only short form whose scalar is reshaped ("A.B" -> ["A", "B"]). */
function scalarArgument(name: string, text: string): unknown {
  if (name !== 'GetAtt') return text;
  const dot = text.indexOf('.');
  return dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}

function cfnTags(): Tags {
  const tags: Tags = [];
  for (const name of ['Ref', 'Condition', ...FUNCTIONS]) {
    const key = longName(name);
    tags.push({ tag: `!${name}`, resolve: (text: string) => ({ [key]: scalarArgument(name, text) }) });
    tags.push({
      tag: `!${name}`,
      collection: 'seq',
      resolve: (node: unknown) => ({ [key]: isSeq(node) ? node.toJSON() : node }),
    });
    tags.push({
      tag: `!${name}`,
      collection: 'map',
      resolve: (node: unknown) => ({ [key]: isMap(node) ? node.toJSON() : node }),
    });
  }
  return tags;
}

export type CfnTemplate = {
  Parameters?: Record<string, { Type: string; Default?: unknown; AllowedValues?: unknown[]; AllowedPattern?: string }>;
  Rules?: Record<string, { RuleCondition?: unknown; Assertions: { Assert: unknown; AssertDescription?: string }[] }>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, {
    Type: string; Condition?: string; DependsOn?: string | string[]; Properties?: Record<string, unknown>;
    DeletionPolicy?: string; UpdateReplacePolicy?: string;
  }>;
  Outputs?: Record<string, unknown>;
};

export function parseCfnYaml(text: string, file: string): CfnTemplate {
  const doc = parseDocument(text, { customTags: cfnTags() });
  const problem = doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (problem) throw new TemplateParseError(file, problem.message, { cause: problem });
  const root = doc.toJS() as CfnTemplate;
  if (typeof root !== 'object' || root === null || typeof root.Resources !== 'object') {
    throw new TemplateParseError(file, 'no Resources section');
  }
  return root;
}

export function readCfnYaml(path: string): CfnTemplate {
  return parseCfnYaml(readFileSync(path, 'utf8'), path);
}
