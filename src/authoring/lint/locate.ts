import { LineCounter, parseDocument } from 'yaml';
import { collectLines, lineAtFor } from '../../cfn/lines';
import { pointerAndAncestors } from '../../cfn/pointer';
import type { LintFinding } from './finding';

/**
 * Every finding gets a line: the line of the value its JSON Pointer names, else of its
 * nearest ancestor (a missing `required` name points at `required`). Template files are
 * JSON, which the YAML parser reads with positions; a file that does not parse keeps the
 * lines its findings have (the json rule gives its own) and line 1 otherwise.
 */
export function locateFindings(text: string, findings: readonly LintFinding[]): LintFinding[] {
  if (findings.every((f) => f.line !== undefined)) return [...findings];
  const lines = new Map<string, number>();
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  if (document.errors.length === 0) collectLines(document.contents, '', 1, lineAtFor(counter), lines);
  return findings.map((f) => {
    if (f.line !== undefined) return f;
    const line = pointerAndAncestors(f.path).map((p) => lines.get(p)).find((l) => l !== undefined) ?? 1;
    return { ...f, line };
  });
}
