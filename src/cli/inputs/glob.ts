/** Whether a command-line argument is a glob pattern rather than a path. */
export function isGlob(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}

function escapeRegex(text: string): string {
  return text.replace(/[.+^$()|\\/]/g, '\\$&');
}

/** One path segment's pattern: `*`, `?`, `[abc]`, `[!abc]`, `{a,b}`; everything else literal. */
function segmentSource(segment: string): string {
  let out = '';
  let braces = 0;
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      const body = segment.slice(i + 1, end).replace(/\\/g, '\\\\');
      out += body.startsWith('!') ? `[^${body.slice(1)}]` : `[${body}]`;
      i = end;
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else out += escapeRegex(c);
  }
  return out + ')'.repeat(braces);
}

/**
 * A glob over `/`-separated relative paths as shells and CI tools write them: `**` as a
 * whole segment is any number of folders (none included).
 */
export function globRegex(pattern: string): RegExp {
  const segments = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  let source = '';
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') source += last ? '.*' : '(?:[^/]+/)*';
    else source += segmentSource(segment) + (last ? '' : '/');
  });
  return new RegExp(`^${source}$`);
}

/** The folder a glob starts from: its leading segments without glob characters. */
export function globBase(pattern: string): { base: string; rest: string } {
  const segments = pattern.split('/');
  const first = segments.findIndex(isGlob);
  return { base: segments.slice(0, first).join('/') || (pattern.startsWith('/') ? '/' : '.'), rest: segments.slice(first).join('/') };
}
