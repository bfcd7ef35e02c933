import { pathToFileURL } from 'node:url';
import { ROOT } from './paths';

/** Golden formats of validate and lint, with their file endings. */
export const GOLDEN_FORMATS = [
  { format: 'text', ext: 'txt' },
  { format: 'json', ext: 'json' },
  { format: 'sarif', ext: 'sarif' },
  { format: 'junit', ext: 'junit.xml' },
  { format: 'github', ext: 'github.txt' },
];

/** The tool version changes with every release and the checkout's folder with every machine; the golden files should not. */
export function normaliseGolden(format: string, output: string): string {
  if (format !== 'sarif') return output;
  const log = JSON.parse(output);
  log.runs[0].tool.driver.version = '<version>';
  expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(`${pathToFileURL(ROOT).href}/`);
  log.runs[0].originalUriBaseIds['%SRCROOT%'].uri = 'file:///CHECKOUT/';
  return JSON.stringify(log, null, 2);
}
