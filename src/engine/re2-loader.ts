import type { RE2JS } from 're2js';

let engine: typeof RE2JS | undefined;

/**
 * RE2JS is needed only by templates with risky patterns, so it is loaded on first use;
 * the Hook bundle ships it as a separate file (dist/re2.js) that a cold start never reads
 * unless a template needs it.
 */
export function re2(): typeof RE2JS {
  engine ??= (require('re2js') as typeof import('re2js')).RE2JS;
  return engine;
}
