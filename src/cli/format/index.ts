import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatSarifLog, type ToolInfo } from './sarif-log';
import { formatText } from './text';
import { validateCiRun } from './validate-run-ci';
import type { ValidateRun } from './validate-run';

/** Where users learn about the rules; the same address as schema.json's sourceUrl until the project has a home page. */
const FALLBACK_URI = 'https://example.invalid/rcfge';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'junit', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function toolInfo(): ToolInfo {
  try {
    const manifest = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string; homepage?: string };
    return { version: manifest.version ?? '0.0.0', informationUri: manifest.homepage ?? FALLBACK_URI };
  } catch {
    return { version: '0.0.0', informationUri: FALLBACK_URI };
  }
}

export function formatRun(run: ValidateRun, format: OutputFormat, options: { colour: boolean; cwd: string }): string {
  switch (format) {
    case 'json':
      return formatJson(run);
    case 'sarif':
      return formatSarifLog(validateCiRun(run), toolInfo(), options.cwd);
    case 'junit':
      return formatJunit(validateCiRun(run));
    case 'github': {
      const ci = validateCiRun(run);
      return formatGithub(ci, (id) => ci.rules.find((r) => r.id === id)?.title ?? id);
    }
    default:
      return formatText(run, options.colour);
  }
}
