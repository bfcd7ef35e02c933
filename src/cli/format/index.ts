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


export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'junit', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * SARIF's tool description. `informationUri` is package.json's `homepage`, which whoever
 * publishes rcfge sets to where its documentation lives (the repository's README); without
 * one, the log has no informationUri (SARIF makes it optional) rather than a made-up address
 * that code-scanning pages would show as a link.
 */
export function toolInfoOf(manifest: { readonly version?: unknown; readonly homepage?: unknown }): ToolInfo {
  const version = typeof manifest.version === 'string' ? manifest.version : '0.0.0';
  const homepage = typeof manifest.homepage === 'string' && /^https?:\/\/[^\s]+$/.test(manifest.homepage) ? manifest.homepage : undefined;
  return { version, ...(homepage ? { informationUri: homepage } : {}) };
}

export function toolInfo(): ToolInfo {
  try {
    return toolInfoOf(JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as Record<string, unknown>);
  } catch {
    return toolInfoOf({});
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
