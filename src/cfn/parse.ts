import { readFileSync } from 'node:fs';
import { isMap, isPair, LineCounter, parseDocument, type Document, type YAMLMap } from 'yaml';
import { isTypeName } from '../engine/file-name';
import {
  InvalidResourceError,
  InvalidResourceTypeError,
  MissingResourcesError,
  MissingResourceTypeError,
  TemplateReadError,
  TemplateSyntaxError,
  UnknownTagError,
} from './errors';
import { collectLines, keyText, lineAtFor, nodeLine, type LineAt } from './lines';
import type { ResourceLines, StackResource, StackTemplate, TemplateParameter } from './types';
import { CFN_YAML_TAGS } from './yaml-tags';

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalarValue(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function findPair(map: YAMLMap, key: string) {
  return map.items.find((pair) => isPair(pair) && keyText(pair.key) === key);
}

/** Line of each key of a mapping node (empty when the node is not a mapping). */
function keyLines(node: unknown, lineAt: LineAt): Map<string, number> {
  const lines = new Map<string, number>();
  if (isMap(node)) for (const pair of node.items) lines.set(keyText(pair.key), nodeLine(pair.key, lineAt, 1));
  return lines;
}

/**
 * JSON is (for templates, practically) a subset of YAML 1.2, so both formats go through
 * the same parser and both get line numbers. Syntax errors and unknown tags, which the
 * parser reports as warnings and would otherwise silently turn into strings, are fatal.
 */
function parseYaml(text: string, file: string, lineAt: LineAt, lineCounter: LineCounter): { doc: Document; root: unknown } {
  const doc = parseDocument(text, { customTags: CFN_YAML_TAGS, lineCounter, prettyErrors: false });
  const [error] = doc.errors;
  if (error) {
    // The parser's own advice for this case names its API; say what the user should do instead.
    const reason = error.code === 'MULTIPLE_DOCS' ? 'a stack template must be a single YAML document (found a second "---")' : error.message;
    const { line, col } = lineCounter.linePos(error.pos[0]);
    throw new TemplateSyntaxError(file, line, reason, error, col);
  }
  const badTag = doc.warnings.find((warning) => warning.code === 'TAG_RESOLVE_FAILED');
  if (badTag) {
    const written = text.slice(badTag.pos[0], badTag.pos[1]) || badTag.message;
    throw new UnknownTagError(file, lineAt(badTag.pos[0]), written, badTag);
  }
  try {
    // toJS enforces yaml's alias expansion limit, which protects against "billion laughs".
    return { doc, root: doc.toJS() };
  } catch (cause) {
    throw new TemplateSyntaxError(file, 1, cause instanceof Error ? cause.message : String(cause), cause);
  }
}

function parseParameters(section: unknown, node: unknown, lineAt: LineAt): Map<string, TemplateParameter> {
  const parameters = new Map<string, TemplateParameter>();
  if (!isPlainObject(section)) return parameters;
  const lines = keyLines(node, lineAt);
  for (const [name, declaration] of Object.entries(section)) {
    const decl = isPlainObject(declaration) ? declaration : {};
    const allowed = Array.isArray(decl.AllowedValues) ? decl.AllowedValues.filter(isScalarValue).map(String) : undefined;
    parameters.set(name, {
      name,
      type: typeof decl.Type === 'string' ? decl.Type : 'String',
      ...(Object.hasOwn(decl, 'Default') ? { default: decl.Default } : {}),
      line: lines.get(name) ?? 1,
      ...(allowed ? { allowedValues: allowed } : {}),
      ...(typeof decl.AllowedPattern === 'string' ? { allowedPattern: decl.AllowedPattern } : {}),
    });
  }
  return parameters;
}

function parseTransforms(section: unknown): string[] {
  const list = Array.isArray(section) ? section : section === undefined ? [] : [section];
  return list.filter((name): name is string => typeof name === 'string');
}

function parseResources(
  file: string,
  root: PlainObject,
  rootNode: YAMLMap,
  lineAt: LineAt,
): { resources: StackResource[]; lines: Map<string, ResourceLines> } {
  const sectionPair = findPair(rootNode, 'Resources');
  if (!sectionPair) throw new MissingResourcesError(file, 1, 'template has no Resources section');
  const sectionLine = nodeLine(sectionPair.key, lineAt, 1);
  const section = root.Resources;
  if (!isMap(sectionPair.value) || !isPlainObject(section)) {
    throw new MissingResourcesError(file, sectionLine, 'Resources must be a mapping of logical IDs to resources');
  }
  if (sectionPair.value.items.length === 0) {
    throw new MissingResourcesError(file, sectionLine, 'Resources section is empty (CloudFormation requires at least one resource)');
  }

  const resources: StackResource[] = [];
  const lines = new Map<string, ResourceLines>();
  for (const pair of sectionPair.value.items) {
    const logicalId = keyText(pair.key);
    const line = nodeLine(pair.key, lineAt, sectionLine);
    const body = section[logicalId];
    if (!isMap(pair.value) || !isPlainObject(body)) {
      throw new InvalidResourceError(file, line, logicalId, 'must be a mapping with Type and Properties');
    }
    if (typeof body.Type !== 'string' || body.Type === '') throw new MissingResourceTypeError(file, line, logicalId);
    if (body.Type.startsWith('AWS::') && !body.Type.endsWith('::MODULE') && !isTypeName(body.Type)) throw new InvalidResourceTypeError(file, line, logicalId, body.Type);

    const pointers = new Map<string, number>();
    const propertiesPair = findPair(pair.value, 'Properties');
    if (propertiesPair) collectLines(propertiesPair.value, '', nodeLine(propertiesPair.key, lineAt, line), lineAt, pointers);
    lines.set(logicalId, { line, pointers });
    resources.push({
      logicalId,
      type: body.Type,
      line,
      properties: body.Properties,
      ...(typeof body.Condition === 'string' ? { condition: body.Condition } : {}),
      ...(body.DeletionPolicy !== undefined ? { deletionPolicy: body.DeletionPolicy } : {}),
      ...(body.UpdateReplacePolicy !== undefined ? { updateReplacePolicy: body.UpdateReplacePolicy } : {}),
    });
  }
  return { resources, lines };
}

/**
 * A `.json` file must be JSON: the YAML parser would accept what CloudFormation refuses
 * (a trailing comma, comments, single quotes). Only the verdict comes from JSON.parse;
 * the YAML parser still provides the line numbers.
 */
function checkJson(text: string, file: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : 0;
    const before = text.slice(0, offset).split('\n');
    const line = before.length;
    const column = before[before.length - 1].length + 1;
    const reason = message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '');
    throw new TemplateSyntaxError(file, line, `${reason} (a .json file must be plain JSON)`, error, column);
  }
}

/** Parses a CloudFormation template (JSON or YAML, short-form tags included). Throws CfnTemplateError. */
export function parseStackTemplate(text: string, file: string): StackTemplate {
  if (file.toLowerCase().endsWith('.json')) checkJson(text, file);
  const lineCounter = new LineCounter();
  const lineAt = lineAtFor(lineCounter);
  const { doc, root } = parseYaml(text, file, lineAt, lineCounter);
  if (!isMap(doc.contents) || !isPlainObject(root)) {
    throw new MissingResourcesError(file, nodeLine(doc.contents, lineAt, 1), 'template must be a mapping with a Resources section');
  }
  const { resources, lines } = parseResources(file, root, doc.contents, lineAt);
  const conditionLines = new Map<string, number>();
  const conditionsPair = findPair(doc.contents, 'Conditions');
  if (conditionsPair) collectLines(conditionsPair.value, '', nodeLine(conditionsPair.key, lineAt, 1), lineAt, conditionLines);
  return {
    file,
    resources,
    parameters: parseParameters(root.Parameters, findPair(doc.contents, 'Parameters')?.value, lineAt),
    mappings: isPlainObject(root.Mappings) ? root.Mappings : {},
    conditions: isPlainObject(root.Conditions) ? root.Conditions : {},
    transforms: parseTransforms(root.Transform),
    lines,
    conditionLines,
  };
}

/** Reads and parses a template file. Throws CfnTemplateError (TemplateReadError when unreadable). */
export function readStackTemplate(path: string): StackTemplate {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new TemplateReadError(path, cause);
  }
  return parseStackTemplate(text, path);
}
