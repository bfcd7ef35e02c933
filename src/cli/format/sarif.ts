import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Finding } from '../../engine/findings';
import type { ValidationReport } from '../validate/model';

export interface ToolInfo {
  readonly version: string;
  readonly informationUri: string;
}

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** A rule as code-scanning UIs show it: its title, its remediation as help, the controls it implements. */
function describeRule(finding: Finding): ReportingDescriptor {
  return {
    id: finding.rule,
    shortDescription: { text: finding.title },
    ...(finding.remediation !== undefined ? { help: { text: finding.remediation } } : {}),
    ...(finding.controls !== undefined ? { properties: { controls: [...finding.controls] } } : {}),
  };
}

/**
 * SARIF 2.1.0 for code-scanning tools: one `error` result per finding, located at the
 * finding's line in the stack template, with one rule per rule id that occurs.
 */
export function formatSarif(report: ValidationReport, tool: ToolInfo): string {
  // Code-scanning tools resolve relative URIs against the checkout; a file outside it needs a file: URL.
  const uri = isAbsolute(report.file) ? pathToFileURL(report.file).href : report.file;
  const ruleIds: string[] = [];
  const rules: ReportingDescriptor[] = [];
  const results: Result[] = [];
  for (const resource of report.resources) {
    for (const finding of resource.findings) {
      const ruleId = finding.rule;
      if (!ruleIds.includes(ruleId)) {
        ruleIds.push(ruleId);
        rules.push(describeRule(finding));
      }
      results.push({
        ruleId,
        ruleIndex: ruleIds.indexOf(ruleId),
        level: 'error',
        message: { text: `${resource.logicalId} (${resource.type})${finding.path ? ` ${finding.path}` : ''}: ${finding.message}` },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri }, region: { startLine: finding.line } },
            logicalLocations: [{ name: resource.logicalId, fullyQualifiedName: `Resources/${resource.logicalId}`, kind: 'resource' }],
          },
        ],
        properties: { logicalId: resource.logicalId, type: resource.type, path: finding.path, keyword: finding.keyword, template: resource.template },
      });
    }
  }
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'rcfge', version: tool.version, informationUri: tool.informationUri, rules } }, results }],
  };
  return JSON.stringify(log, null, 2);
}
