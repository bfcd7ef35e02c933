/** Star height of a java.util.regex pattern (see regex/backtracking.ts); 0 for a pattern that does not parse. */
export { starHeight } from './regex-engine';
