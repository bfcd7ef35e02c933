import { Lexer } from 'yaml';

/** Lexer control tokens stand for structure, not for text of the source. */
const CONTROL = new Set(['\u0002', '\u0018', '\u001f']);

/** Index of the quote that closes a quoted scalar opened at `start`, or -1. */
function closingQuote(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (quote === '"' && ch === '\\') {
      i++;
      continue;
    }
    if (ch !== quote) continue;
    if (quote === "'" && text[i + 1] === "'") {
      i++;
      continue;
    }
    return i;
  }
  return -1;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function indentation(text: string, start: number): number {
  let n = 0;
  while (text[start + n] === ' ') n++;
  return n;
}

/**
 * The lines after the opening one, up to the closing quote, each indented past the line
 * that opened the scalar; undefined when a line is a document marker (PyYAML refuses those
 * too) or nothing needed indenting.
 */
function reindented(text: string, open: number, close: number): string | undefined {
  const first = lineStart(text, open);
  const needed = indentation(text, first) + 1;
  let out = '';
  let from = text.indexOf('\n', open) + 1;
  let changed = false;
  while (from > 0 && from <= close) {
    const end = text.indexOf('\n', from);
    const line = text.slice(from, end < 0 ? text.length : end);
    if (/^(---|\.\.\.)(\s|$)/.test(line)) return undefined;
    const blank = line.trim() === '';
    const pad = blank ? 0 : Math.max(0, needed - indentation(line, 0));
    if (pad > 0) changed = true;
    out += `${' '.repeat(pad)}${line}${end < 0 ? '' : '\n'}`;
    from = end < 0 ? -1 : end + 1;
  }
  if (!changed) return undefined;
  const head = text.slice(0, text.indexOf('\n', open) + 1);
  return head + out + text.slice(from < 0 ? text.length : from);
}

/** Offset of the first quoted scalar the lexer had to cut short at a line that is not indented enough. */
function firstCutQuotedScalar(text: string): number | undefined {
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (CONTROL.has(token)) continue;
    const quote = token[0];
    if ((quote === '"' || quote === "'") && closingQuote(token, 0) !== token.length - 1) return offset;
    offset += token.length;
  }
  return undefined;
}

/**
 * PyYAML, which cfn-lint uses and which published templates are written against, reads a
 * multi-line quoted scalar whatever the indentation of its continuation lines; strict YAML
 * 1.2 parsers refuse continuation lines that are not indented past the key. Folding drops
 * a continuation line's leading white space, so indenting those lines changes no value and
 * no line number: the text is made acceptable to the strict parser with the same meaning.
 * A scalar that never closes is left alone (the parser then reports it).
 */
export function relaxQuotedScalars(text: string, maxFixes = 1000): string {
  let current = text;
  let searchFrom = 0;
  for (let fixes = 0; fixes < maxFixes; fixes++) {
    const open = firstCutQuotedScalar(current);
    if (open === undefined || open < searchFrom) return current;
    const close = closingQuote(current, open);
    const next = close < 0 ? undefined : reindented(current, open, close);
    if (next === undefined) return current;
    current = next;
    searchFrom = open + 1;
  }
  return current;
}
