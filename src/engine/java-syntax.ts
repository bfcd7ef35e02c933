/**
 * Registry patterns written for Java carry inline flags (`(?i)`, `(?s)`) that JavaScript
 * (before ES2025 modifiers) rejects, often inside lookarounds RE2 cannot run either, and
 * input anchors (`\A`, `\Z`) that JavaScript reads as the letters A and Z.
 * This rewrites them into plain JS syntax: under `i` a letter becomes `[aA]`, under `s`
 * a dot becomes `[\s\S]`; the flag lasts to the end of the enclosing group, as in Java.
 * `\A` becomes `^` and `\Z`/`\z` become `$` (Java's `\Z` also allows one final line
 * break; `$` does not, which is stricter, never looser).
 */
interface Flags {
  readonly i: boolean;
  readonly s: boolean;
}

const INLINE_FLAGS = /^\(\?([is]+)\)/;

function caseless(ch: string): string {
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  return lower === upper ? ch : `[${lower}${upper}]`;
}

/** Adds the other case of every letter and letter range inside a character class body. */
function caselessClass(body: string): string {
  const extra: string[] = [];
  for (let k = 0; k < body.length; k++) {
    if (body[k] === '\\') {
      k++;
      continue;
    }
    const range = /^([A-Za-z])-([A-Za-z])/.exec(body.slice(k));
    if (range) {
      const swap = (c: string) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());
      extra.push(`${swap(range[1])}-${swap(range[2])}`);
      k += 2;
    } else if (/[A-Za-z]/.test(body[k])) {
      extra.push(body[k] === body[k].toLowerCase() ? body[k].toUpperCase() : body[k].toLowerCase());
    }
  }
  return body + extra.join('');
}

const JAVA_ANCHORS: Record<string, string> = { A: '^', Z: '$', z: '$' };

export function hasJavaSyntax(pattern: string): boolean {
  return /\(\?[is]+\)|\\[AZz]/.test(pattern);
}

export function translateJavaSyntax(pattern: string): string {
  const stack: Flags[] = [];
  let flags: Flags = { i: false, s: false };
  let out = '';
  let k = 0;
  while (k < pattern.length) {
    const c = pattern[k];
    const inline = c === '(' ? INLINE_FLAGS.exec(pattern.slice(k)) : null;
    if (inline) {
      flags = { i: flags.i || inline[1].includes('i'), s: flags.s || inline[1].includes('s') };
      k += inline[0].length;
    } else if (c === '\\') {
      out += JAVA_ANCHORS[pattern[k + 1]] ?? pattern.slice(k, k + 2);
      k += 2;
    } else if (c === '[') {
      let end = k + 1;
      if (pattern[end] === '^') end++;
      if (pattern[end] === ']') end++;
      while (end < pattern.length && pattern[end] !== ']') end += pattern[end] === '\\' ? 2 : 1;
      const open = pattern[k + 1] === '^' ? '[^' : '[';
      const body = pattern.slice(k + open.length, end);
      out += `${open}${flags.i ? caselessClass(body) : body}]`;
      k = end + 1;
    } else if (c === '(') {
      stack.push(flags);
      const prefix = /^\((\?(<[=!]|[=!:]|<[A-Za-z_]\w*>))?/.exec(pattern.slice(k)) as RegExpExecArray;
      out += prefix[0];
      k += prefix[0].length;
    } else if (c === ')') {
      flags = stack.pop() ?? { i: false, s: false };
      out += c;
      k++;
    } else if (c === '.' && flags.s) {
      out += '[\\s\\S]';
      k++;
    } else if (flags.i && /[A-Za-z]/.test(c)) {
      out += caseless(c);
      k++;
    } else {
      out += c;
      k++;
    }
  }
  return out;
}
