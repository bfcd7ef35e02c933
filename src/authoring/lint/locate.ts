import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { joinPointer } from '../../engine/pointer';
import type { LintFinding } from './finding';

/** The line of every value of a parsed JSON/YAML document, by JSON Pointer; a mapping entry gets its key's line. */
function lineIndex(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  if (document.errors.length > 0) return lines;
  const lineOf = (node: unknown, fallback: number) => {
    const range = (node as Partial<Node> | null)?.range;
    return range ? counter.linePos(range[0]).line : fallback;
  };
  // Iterative: a template may nest deeply.
  const stack: Array<{ node: unknown; pointer: string; line: number }> = [{ node: document.contents, pointer: '', line: 1 }];
  while (stack.length > 0) {
    const { node, pointer, line } = stack.pop()!;
    lines.set(pointer, line);
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
        stack.push({ node: pair.value, pointer: joinPointer(pointer, key), line: lineOf(pair.key, line) });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push({ node: item, pointer: joinPointer(pointer, i), line: lineOf(item, line) }));
    }
  }
  return lines;
}

function ancestors(pointer: string): string[] {
  const chain = [pointer];
  for (let at = pointer; at !== ''; ) {
    at = at.slice(0, at.lastIndexOf('/'));
    chain.push(at);
  }
  return chain;
}

/**
 * Every finding gets a line: the line of the value its JSON Pointer names, else of its
 * nearest ancestor (a missing `required` name points at `required`). Template files are
 * JSON, which the YAML parser reads with positions; a file that does not parse keeps the
 * lines its findings have (the json rule gives its own) and line 1 otherwise.
 */
export function locateFindings(text: string, findings: readonly LintFinding[]): LintFinding[] {
  if (findings.every((f) => f.line !== undefined)) return [...findings];
  const lines = lineIndex(text);
  return findings.map((f) => {
    if (f.line !== undefined) return f;
    const line = ancestors(f.path).map((p) => lines.get(p)).find((l) => l !== undefined) ?? 1;
    return { ...f, line };
  });
}
