/**
 * JSON.parse's reason on one line: V8 quotes the text around the error, newlines included
 * ("Unexpected token 'o', \"foo: bar\n\" is not valid JSON"), which breaks the one-line
 * errors and file:line findings users read.
 */
export function jsonSyntaxReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim()
    // The unexpected character of a binary file: shown escaped, never written raw to a terminal.
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
