import { type Alias, Composer, type CST, type Document, isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node, Parser, type YAMLError } from 'yaml';
import { childPointer, pointerTokens } from './pointer';
import { CFN_YAML_TAGS, isShortFormWrapper } from './yaml-tags';

/**
 * The yaml library composes nodes recursively: about 800 nested flow sequences exhaust the
 * stack. Its CST parser is iterative, so collections nested deeper than this are cut out of
 * the CST, composed as documents of their own, and put back while converting to values.
 */
const PIECE_DEPTH = 64;

/**
 * Values nested deeper than this are not built: the engine refuses properties nested deeper
 * than 1,000 levels (a resource's properties start 3 levels below the root), and what stays
 * here is still deeper than that, so the resource gets the engine's own input finding.
 */
export const MAX_TREE_DEPTH = 1100;

/** Alias expansions make a small text a huge value ("billion laughs"); values beyond this are refused. */
const MAX_VALUES = 2_000_000;

export interface YamlTree {
  /** The document as plain values: mappings are objects, sequences arrays; numbers keep their source text where it differs from the number's. */
  readonly root: unknown;
  /** 1-based line of each value by JSON Pointer from the root (a mapping entry: its key's line). */
  readonly lines: ReadonlyMap<string, number>;
  /** The first `null` value, which CloudFormation refuses anywhere in a template. */
  readonly firstNull?: { readonly pointer: string; readonly offset: number };
}

/** A YAML syntax problem: the parser's error or warning, with its source offset. */
export class YamlTreeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly offset: number,
    readonly end: number = offset,
  ) {
    super(message);
  }
}

type Collection = CST.BlockMap | CST.BlockSequence | CST.FlowCollection;

function isCollectionToken(token: CST.Token | null | undefined): token is Collection {
  return token?.type === 'block-map' || token?.type === 'block-seq' || token?.type === 'flow-collection';
}

/** An empty flow collection standing where a deep one was cut out: same place, same kind, so tags still apply. */
function placeholderFor(token: Collection): CST.FlowCollection {
  const map = token.type === 'block-map' || (token.type === 'flow-collection' && token.start.source === '{');
  const at = { offset: token.offset, indent: token.indent };
  return {
    type: 'flow-collection',
    ...at,
    start: { type: map ? 'flow-map-start' : 'flow-seq-start', ...at, source: map ? '{' : '[' },
    items: [],
    end: [{ type: map ? 'flow-map-end' : 'flow-seq-end', ...at, source: map ? '}' : ']' }],
  };
}

/**
 * Replaces every collection whose depth within its piece reaches PIECE_DEPTH by a
 * placeholder, without recursion; returns the pieces cut out, by placeholder.
 */
function cutDeepCollections(root: CST.Token | undefined): Map<CST.FlowCollection, Collection> {
  const pieces = new Map<CST.FlowCollection, Collection>();
  if (!isCollectionToken(root)) return pieces;
  const stack: Array<[Collection, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [token, depth] = stack.pop() as [Collection, number];
    for (const item of token.items) {
      const value = item.value;
      if (!isCollectionToken(value)) continue;
      if (depth + 1 >= PIECE_DEPTH) {
        const placeholder = placeholderFor(value);
        item.value = placeholder;
        pieces.set(placeholder, value);
        stack.push([value, 0]);
      } else {
        stack.push([value, depth + 1]);
      }
    }
  }
  return pieces;
}

const COMPOSE_OPTIONS = { customTags: CFN_YAML_TAGS, keepSourceTokens: true, prettyErrors: false } as const;

interface Composed {
  readonly docs: Document.Parsed[];
  readonly pieces: Map<CST.FlowCollection, Node>;
}

function firstProblem(docs: readonly Document.Parsed[]): YamlTreeError | undefined {
  const problems: Array<YAMLError> = docs.flatMap((doc) => [...doc.errors, ...doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED')]);
  problems.sort((a, b) => a.pos[0] - b.pos[0]);
  const [first] = problems;
  return first ? new YamlTreeError(first.code, first.message, first.pos[0], first.pos[1]) : undefined;
}

/** The text's CST, cut into pieces no deeper than PIECE_DEPTH, each composed by the yaml library. */
function compose(text: string, lineCounter: LineCounter): Composed {
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  const documents = tokens.filter((t): t is CST.Document => t.type === 'document');
  if (documents.length > 1) throw new YamlTreeError('MULTIPLE_DOCS', 'a stack template must be a single YAML document (found a second "---")', documents[1].offset);
  const cut = cutDeepCollections(documents[0]?.value);
  const docs = [...new Composer(COMPOSE_OPTIONS).compose(tokens)] as Document.Parsed[];
  const pieces = new Map<CST.FlowCollection, Node>();
  for (const [placeholder, token] of cut) {
    const [piece] = [...new Composer(COMPOSE_OPTIONS).compose([{ type: 'document', offset: token.offset, start: [], value: token }])] as Document.Parsed[];
    docs.push(piece);
    pieces.set(placeholder, piece.contents as Node);
  }
  const problem = firstProblem(docs);
  if (problem) throw problem;
  return { docs, pieces };
}

/**
 * CloudFormation reads YAML 1.1, where these plain words are booleans too (aws-cli #5257: an
 * unquoted `Value: YES` is deployed as "true"); YAML 1.2 reads them as strings. Quoted or
 * tagged they stay strings; `y`/`n` are strings, as in SnakeYAML and PyYAML. They become the
 * text CloudFormation sends for a boolean, also as keys and names (`Conditions: {Yes: ...}`
 * with `!If [Yes, ...]` still meet), as a YAML 1.1 document turned into JSON would.
 */
const YAML_11_BOOLEANS: ReadonlyMap<string, string> = new Map(
  ['yes', 'Yes', 'YES', 'on', 'On', 'ON', 'no', 'No', 'NO', 'off', 'Off', 'OFF'].map((word, i) => [word, i < 6 ? 'true' : 'false'] as const),
);

/** A scalar's value as CloudFormation reads it: a number keeps its source text (`2.0`, `012345678901`); YAML 1.1 booleans. */
function scalarValue(node: { value: unknown; source?: string; type?: string; tag?: string }): unknown {
  const { value, source } = node;
  if (typeof value === 'number' && source !== undefined && String(value) !== source) return source;
  if (typeof value === 'string' && node.type === 'PLAIN' && node.tag === undefined) return YAML_11_BOOLEANS.get(value) ?? value;
  return value;
}

function keyText(key: unknown): string {
  if (isScalar(key)) {
    const value = scalarValue(key);
    if (value === null) return '';
    if (typeof value !== 'object') return String(value);
  }
  throw new YamlTreeError('NON_SCALAR_KEY', 'a mapping key must be a plain value (not a list, a mapping or a tagged function)', (key as Node | undefined)?.range?.[0] ?? 0);
}

function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  // A key named __proto__ is data here, never the object's prototype.
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

interface Task {
  readonly node: unknown;
  readonly pointer: string;
  readonly depth: number;
  readonly line: number;
  /** Inside an alias: the values belong to the anchor's lines, which are recorded already. */
  readonly aliased: boolean;
  readonly put: (value: unknown) => void;
}

/** Turns composed nodes into plain values and lines, without recursion. */
class Converter {
  readonly lines = new Map<string, number>();
  firstNull?: { pointer: string; offset: number };
  private readonly anchors = new Map<string, Node>();
  private readonly resolving = new Set<Node>();
  private values = 0;

  constructor(
    private readonly pieces: ReadonlyMap<CST.FlowCollection, Node>,
    private readonly lineAt: (offset: number) => number,
  ) {}

  convert(root: unknown): unknown {
    let result: unknown = null;
    // Tasks, and callbacks that run once everything pushed after them is done.
    const stack: Array<Task | (() => void)> = [{ node: root, pointer: '', depth: 0, line: 1, aliased: false, put: (v) => (result = v) }];
    while (stack.length > 0) {
      const next = stack.pop() as Task | (() => void);
      if (typeof next === 'function') next();
      else this.step(next, stack);
    }
    return result;
  }

  /**
   * CloudFormation refuses a null as a value ("'null' values are not allowed in templates"),
   * but takes one as a function's argument: AWS's own samples write `"Fn::GetAZs": null`.
   */
  private sawNull(pointer: string, offset: number): void {
    if (this.firstNull !== undefined) return;
    if (pointerTokens(pointer).some((token) => token === 'Ref' || token.startsWith('Fn::'))) return;
    this.firstNull = { pointer, offset };
  }

  /** The piece cut out where `node` stands, if it is a placeholder. */
  private unplaced(node: Node): Node {
    const token = (node as { srcToken?: CST.Token }).srcToken;
    const piece = token?.type === 'flow-collection' ? this.pieces.get(token) : undefined;
    return piece ?? node;
  }

  private step(task: Task, stack: Array<Task | (() => void)>): void {
    if (++this.values > MAX_VALUES) throw new YamlTreeError('RESOURCE_EXHAUSTION', `the template expands to more than ${MAX_VALUES} values (aliases?)`, 0);
    let node = task.node as Node;
    if (!task.aliased) this.lines.set(task.pointer, task.line);
    if (node === null || node === undefined) {
      // An empty document; an empty value (`Key:`) is a null scalar node.
      this.sawNull(task.pointer, 0);
      task.put(null);
      return;
    }
    if (isAlias(node)) return this.alias(node as Alias, task, stack);
    if (node.anchor) this.anchors.set(node.anchor, node);
    if (isScalar(node)) {
      const value = scalarValue(node);
      if (value === null) this.sawNull(task.pointer, node.range?.[0] ?? 0);
      task.put(value);
      return;
    }
    if (task.depth >= MAX_TREE_DEPTH) {
      task.put({}); // deeper than anything the engine judges: see MAX_TREE_DEPTH
      return;
    }
    if (isShortFormWrapper(node)) {
      // `!If [...]`: the long form's one key, around a collection that may have been cut out.
      const [pair] = node.items;
      const key = String((pair.key as { value: unknown }).value);
      const target: Record<string, unknown> = {};
      task.put(target);
      stack.push({ node: this.unplaced(pair.value as Node), pointer: childPointer(task.pointer, key), depth: task.depth + 1, line: task.line, aliased: task.aliased, put: (v) => (target[key] = v) });
      return;
    }
    node = this.unplaced(node);
    if (isMap(node)) {
      const target: Record<string, unknown> = {};
      task.put(target);
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i];
        if (!isPair(pair)) continue;
        const key = keyText(pair.key);
        const line = (pair.key as Node | null)?.range ? this.lineAt((pair.key as Node).range![0]) : task.line;
        stack.push({ node: pair.value, pointer: childPointer(task.pointer, key), depth: task.depth + 1, line, aliased: task.aliased, put: (v) => setKey(target, key, v) });
      }
      return;
    }
    if (isSeq(node)) {
      const target: unknown[] = new Array(node.items.length);
      task.put(target);
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i] as Node;
        const line = item?.range ? this.lineAt(item.range[0]) : task.line;
        stack.push({ node: item, pointer: childPointer(task.pointer, i), depth: task.depth + 1, line, aliased: task.aliased, put: (v) => (target[i] = v) });
      }
      return;
    }
    throw new YamlTreeError('UNEXPECTED_NODE', 'unexpected YAML node', (node as Node).range?.[0] ?? 0);
  }

  private alias(node: Alias, task: Task, stack: Array<Task | (() => void)>): void {
    const target = this.anchors.get(node.source);
    if (!target) throw new YamlTreeError('BAD_ALIAS', `alias *${node.source} names no anchor before it`, node.range?.[0] ?? 0);
    if (this.resolving.has(target)) throw new YamlTreeError('BAD_ALIAS', `alias *${node.source} refers to itself`, node.range?.[0] ?? 0);
    // The anchored value is converted again here (a copy); its own aliases are followed in turn.
    this.resolving.add(target);
    stack.push(() => this.resolving.delete(target));
    stack.push({ ...task, node: target, aliased: true });
  }
}

/**
 * Parses YAML (JSON is YAML) into plain values and the line of every value, at any depth
 * without recursion. Throws YamlTreeError on a syntax error, an unknown tag, or a second
 * document.
 */
export function parseYamlTree(text: string, lineCounter: LineCounter): YamlTree {
  const { docs, pieces } = compose(text, lineCounter);
  const contents = docs[0]?.contents ?? null;
  const converter = new Converter(pieces, (offset) => lineCounter.linePos(offset).line);
  const root = converter.convert(contents);
  return { root, lines: converter.lines, ...(converter.firstNull ? { firstNull: converter.firstNull } : {}) };
}
