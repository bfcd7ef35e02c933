import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root';
import type { OutputFormat } from '../validate/options';
import type { ValidationReport } from '../validate/model';
import { formatJson } from './json';
import { formatSarif, type ToolInfo } from './sarif';
import { formatText } from './text';

/** Where users learn about the rules; the same address as schema.json's sourceUrl until the project has a home page. */
const FALLBACK_URI = 'https://example.invalid/rcfge';

export function toolInfo(): ToolInfo {
  try {
    const manifest = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string; homepage?: string };
    return { version: manifest.version ?? '0.0.0', informationUri: manifest.homepage ?? FALLBACK_URI };
  } catch {
    return { version: '0.0.0', informationUri: FALLBACK_URI };
  }
}

export function formatReport(report: ValidationReport, format: OutputFormat, colour: boolean): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, toolInfo());
    default:
      return formatText(report, colour);
  }
}
