import { readFileSync } from 'node:fs';
import { LineCounter } from 'yaml';
import { jsonSyntaxReason } from '../authoring/json-error';
import { isTypeName } from '../engine/file-name';
import {
  InvalidResourceError,
  InvalidResourceTypeError,
  RainDirectiveError,
  MissingResourcesError,
  MissingResourceTypeError,
  NullValueError,
  TemplateReadError,
  TemplateSyntaxError,
  UnknownTagError,
} from './errors';
import { childPointer, pointerTokens } from './pointer';
import type { ResourceLines, StackResource, StackTemplate, TemplateParameter } from './types';
import { isLoopKey, isPlainObject, isScalar } from './values';
import { relaxQuotedScalars } from './yaml-relax';
import { parseYamlTree, type YamlTree, YamlTreeError } from './yaml-tree';

/** Line of each value of the document, by JSON Pointer from its root. */
export type DocumentLines = ReadonlyMap<string, number>;

/** The lines of the values below `prefix`, by pointer relative to it. */
function linesBelow(lines: DocumentLines, prefix: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [pointer, line] of lines) {
    if (pointer === prefix) out.set('', line);
    else if (pointer.startsWith(`${prefix}/`)) out.set(pointer.slice(prefix.length), line);
  }
  return out;
}

/** The syntax error of the parser as `file:line:column: reason`; unknown tags named as written. */
function syntaxError(error: YamlTreeError, text: string, file: string, lineCounter: LineCounter): Error {
  const { line, col } = lineCounter.linePos(error.offset);
  if (error.code === 'TAG_RESOLVE_FAILED') {
    const written = text.slice(error.offset, error.end).split(/\s/)[0] || error.message;
    if (written.startsWith('!Rain::')) return new RainDirectiveError(file, line, written);
    return new UnknownTagError(file, line, written, error);
  }
  return new TemplateSyntaxError(file, line, error.message, error, col);
}

function parseParameters(section: unknown, lines: DocumentLines): Map<string, TemplateParameter> {
  const parameters = new Map<string, TemplateParameter>();
  if (!isPlainObject(section)) return parameters;
  for (const [name, declaration] of Object.entries(section)) {
    const decl = isPlainObject(declaration) ? declaration : {};
    const allowed = Array.isArray(decl.AllowedValues) ? decl.AllowedValues.filter(isScalar).map(String) : undefined;
    parameters.set(name, {
      name,
      type: typeof decl.Type === 'string' ? decl.Type : 'String',
      ...(Object.hasOwn(decl, 'Default') ? { default: decl.Default } : {}),
      line: lines.get(childPointer('/Parameters', name)) ?? 1,
      ...(allowed ? { allowedValues: allowed } : {}),
      ...(typeof decl.AllowedPattern === 'string' ? { allowedPattern: decl.AllowedPattern } : {}),
    });
  }
  return parameters;
}

/** Transform names, written as a name or as `{Name, Parameters}` (AWS::Include, macros with parameters). */
function parseTransforms(section: unknown): string[] {
  const list = Array.isArray(section) ? section : section === undefined ? [] : [section];
  return list.map((entry) => (isPlainObject(entry) ? entry.Name : entry)).filter((name): name is string => typeof name === 'string');
}

/** One resource entry as CloudFormation requires it: a mapping with a Type naming a type it knows how to read. */
export function readResource(file: string, logicalId: string, body: unknown, line: number): StackResource {
  if (!isPlainObject(body)) throw new InvalidResourceError(file, line, logicalId, 'must be a mapping with Type and Properties');
  if (typeof body.Type !== 'string' || body.Type === '') throw new MissingResourceTypeError(file, line, logicalId);
  if (body.Type.startsWith('AWS::') && !body.Type.endsWith('::MODULE') && !isTypeName(body.Type)) throw new InvalidResourceTypeError(file, line, logicalId, body.Type);
  return {
    logicalId,
    type: body.Type,
    line,
    properties: body.Properties,
    ...(typeof body.Condition === 'string' ? { condition: body.Condition } : {}),
    ...(body.DeletionPolicy !== undefined ? { deletionPolicy: body.DeletionPolicy } : {}),
    ...(body.UpdateReplacePolicy !== undefined ? { updateReplacePolicy: body.UpdateReplacePolicy } : {}),
  };
}

/** Lines of every resource's Properties, in one pass over the document's lines. */
function resourceLines(lines: DocumentLines): Map<string, Map<string, number>> {
  const byResource = new Map<string, Map<string, number>>();
  for (const [pointer, line] of lines) {
    if (!pointer.startsWith('/Resources/')) continue;
    const [, logicalId, section, ...rest] = pointerTokens(pointer);
    if (section !== 'Properties') continue;
    let map = byResource.get(logicalId);
    if (!map) byResource.set(logicalId, (map = new Map()));
    map.set(rest.reduce((p, token) => childPointer(p, token), ''), line);
  }
  return byResource;
}

function parseResources(file: string, root: Record<string, unknown>, lines: DocumentLines, transforms: readonly string[]): { resources: StackResource[]; lines: Map<string, ResourceLines> } {
  if (!Object.hasOwn(root, 'Resources')) throw new MissingResourcesError(file, 1, 'template has no Resources section');
  const sectionLine = lines.get('/Resources') ?? 1;
  const section = root.Resources;
  if (!isPlainObject(section)) throw new MissingResourcesError(file, sectionLine, 'Resources must be a mapping of logical IDs to resources');
  if (Object.keys(section).length === 0) throw new MissingResourcesError(file, sectionLine, 'Resources section is empty (CloudFormation requires at least one resource)');
  const propertyLines = resourceLines(lines);
  const resources: StackResource[] = [];
  const out = new Map<string, ResourceLines>();
  for (const [logicalId, body] of Object.entries(section)) {
    const line = lines.get(childPointer('/Resources', logicalId)) ?? sectionLine;
    if (isLoopKey(logicalId)) {
      // Expanded with the parameter values (expandLanguageExtensions); CloudFormation needs the transform for it.
      if (transforms.includes('AWS::LanguageExtensions')) continue;
      throw new InvalidResourceError(file, line, logicalId, 'Fn::ForEach needs "Transform: AWS::LanguageExtensions" (CloudFormation rejects the template without it)');
    }
    const pointers = propertyLines.get(logicalId) ?? new Map<string, number>();
    resources.push(readResource(file, logicalId, body, line));
    out.set(logicalId, { line, pointers });
  }
  return { resources, lines: out };
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
    const reason = jsonSyntaxReason(error).replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '');
    throw new TemplateSyntaxError(file, line, `${reason} (a .json file must be plain JSON)`, error, column);
  }
}

/** The document as values and lines; JSON goes through the same parser (JSON is YAML) for its line numbers. */
function parseDocumentTree(text: string, file: string): { root: unknown; lines: DocumentLines; firstNull?: { pointer: string; line: number } } {
  const json = file.toLowerCase().endsWith('.json');
  if (json) checkJson(text, file);
  let lineCounter = new LineCounter();
  let tree: YamlTree;
  try {
    tree = parseYamlTree(text, lineCounter);
  } catch (error) {
    if (!(error instanceof YamlTreeError)) throw error;
    // Only a text the strict parser refuses pays for the PyYAML reading of quoted scalars.
    const relaxed = json ? text : relaxQuotedScalars(text);
    if (relaxed === text) throw syntaxError(error, text, file, lineCounter);
    const original = { error, lineCounter };
    lineCounter = new LineCounter();
    try {
      tree = parseYamlTree(relaxed, lineCounter);
    } catch (again) {
      if (again instanceof YamlTreeError) throw syntaxError(original.error, text, file, original.lineCounter);
      throw again;
    }
  }
  const firstNull = tree.firstNull ? { pointer: tree.firstNull.pointer, line: tree.lines.get(tree.firstNull.pointer) ?? lineCounter.linePos(tree.firstNull.offset).line } : undefined;
  return { root: tree.root, lines: tree.lines, ...(firstNull ? { firstNull } : {}) };
}

/** The first `{"Rain::...": x}` of the document (the JSON spelling of `!Rain::...`), without recursion. */
function firstRainDirective(root: unknown): { pointer: string; directive: string } | undefined {
  const stack: Array<[unknown, string]> = [[root, '']];
  while (stack.length > 0) {
    const [node, pointer] = stack.pop() as [unknown, string];
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], childPointer(pointer, i)]);
    } else if (isPlainObject(node)) {
      const keys = Object.keys(node);
      if (keys.length === 1 && keys[0].startsWith('Rain::')) return { pointer, directive: keys[0] };
      for (let i = keys.length - 1; i >= 0; i--) stack.push([node[keys[i]], childPointer(pointer, keys[i])]);
    }
  }
  return undefined;
}

/** Parses a CloudFormation template (JSON or YAML, short-form tags included). Throws CfnTemplateError. */
export function parseStackTemplate(text: string, file: string): StackTemplate {
  const { root, lines, firstNull } = parseDocumentTree(text, file);
  if (!isPlainObject(root)) throw new MissingResourcesError(file, lines.get('') ?? 1, 'template must be a mapping with a Resources section');
  const rain = firstRainDirective(root);
  if (rain) throw new RainDirectiveError(file, lines.get(rain.pointer) ?? 1, rain.directive);
  if (firstNull) throw new NullValueError(file, firstNull.line, firstNull.pointer);
  const transforms = parseTransforms(root.Transform);
  const { resources, lines: byResource } = parseResources(file, root, lines, transforms);
  return {
    file,
    resources,
    parameters: parseParameters(root.Parameters, lines),
    mappings: isPlainObject(root.Mappings) ? root.Mappings : {},
    conditions: isPlainObject(root.Conditions) ? root.Conditions : {},
    transforms,
    lines: byResource,
    conditionLines: linesBelow(lines, '/Conditions'),
    document: { root, lines },
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
