import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ArtifactLocation, Location, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { CiFile, CiRun } from './ci-model';

export interface ToolInfo {
  readonly version: string;
  /** Where the tool is documented (package.json homepage); absent when the project has none. */
  readonly informationUri?: string;
}

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SRCROOT = '%SRCROOT%';

/** A relative path as a URI reference: each segment percent-encoded ("my stacks/a#1.yaml" -> "my%20stacks/a%231.yaml"). */
function relativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function artifactLocation(file: string): ArtifactLocation {
  return isAbsolute(file) ? { uri: pathToFileURL(file).href } : { uri: relativeUri(file), uriBaseId: SRCROOT };
}

/**
 * SARIF 2.1.0 for code scanning, valid whatever happened: findings are results; a file that
 * could not be checked, or a run that stopped, is a tool execution notification (and
 * `executionSuccessful: false`), so an upload step always finds a log. Paths inside the
 * working directory are relative URIs against `%SRCROOT%` (the checkout, as GitHub code
 * scanning resolves them), percent-encoded as URI references; others are file: URLs.
 */
export function formatSarifLog(run: CiRun, tool: ToolInfo, cwd: string): string {
  const artifacts: string[] = [];
  const location = (file: string): ArtifactLocation => {
    if (!artifacts.includes(file)) artifacts.push(file);
    const index = artifacts.indexOf(file);
    return { ...artifactLocation(file), index };
  };
  const place = (file: string, line?: number, column?: number): Location => ({
    physicalLocation: { artifactLocation: location(file), ...(line === undefined ? {} : { region: { startLine: line, ...(column === undefined ? {} : { startColumn: column }) } }) },
  });
  const ruleIds = run.rules.map((r) => r.id);
  const results: Result[] = [];
  const notifications: Notification[] = [];
  for (const file of run.files) collect(file);
  function collect(file: CiFile): void {
    if (file.kind === 'error') {
      notifications.push({ level: 'error', message: { text: file.message.startsWith(file.file) ? file.message : `${file.file}: ${file.message}` }, locations: [place(file.file, file.line, file.column)] });
      return;
    }
    if (file.kind === 'skipped') {
      notifications.push({ level: 'note', message: { text: `${file.file} skipped: ${file.reason}` }, locations: [place(file.file)] });
      return;
    }
    location(file.file);
    for (const c of file.cases) {
      for (const f of c.findings) {
        const at = place(file.file, f.line, f.column);
        results.push({
          ruleId: f.ruleId,
          ruleIndex: ruleIds.indexOf(f.ruleId),
          level: f.level,
          message: { text: f.message },
          locations: [f.logical ? { ...at, logicalLocations: [f.logical] } : at],
          ...(f.properties ? { properties: { ...f.properties } } : {}),
        });
      }
    }
  }
  if (run.fatal) notifications.push({ level: 'error', message: { text: run.fatal } });
  const failed = notifications.some((n) => n.level === 'error');
  const rules: ReportingDescriptor[] = run.rules.map((r) => ({ id: r.id, shortDescription: { text: r.title }, help: { text: r.help }, ...(r.controls ? { properties: { controls: [...r.controls] } } : {}) }));
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'rcfge', fullName: run.command, version: tool.version, ...(tool.informationUri ? { informationUri: tool.informationUri } : {}), rules } },
        invocations: [{ executionSuccessful: !failed, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } },
        artifacts: artifacts.map((file) => ({ location: artifactLocation(file) })),
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
