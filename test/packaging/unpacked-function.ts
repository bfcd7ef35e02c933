import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readZip } from '../../src/packaging/zip-reader';

/**
 * A Lambda function run from its unpacked zip, as the Node.js runtime does it: a separate
 * Node process in a directory with nothing else (no node_modules anywhere above it) requires
 * the file and calls the export with the event, then reports the result and what was loaded
 * after a marker line (the function writes its own log lines to stdout). It exits explicitly,
 * as Lambda freezes the process instead of waiting for idle sockets.
 */
const MARKER = '@@rcfge-outcome@@';
const CHILD = `
const [file, exportName, eventFile] = process.argv.slice(1);
const fn = require(file)[exportName];
const event = JSON.parse(require('node:fs').readFileSync(eventFile, 'utf8'));
Promise.resolve(fn(event, { getRemainingTimeInMillis: () => 30000 })).then(
  (result) => ({ result }),
  (error) => ({ error: String(error && error.message || error) }),
).then((outcome) => {
  const text = JSON.stringify({ ...outcome, loaded: Object.keys(require.cache), node: process.version });
  process.stdout.write('\\n${MARKER}' + text + '\\n', () => process.exit(0));
});
`;

export interface Outcome<T> {
  readonly result?: T;
  readonly error?: string;
  /** Every module file the process loaded. */
  readonly loaded: string[];
  /** The Node.js version that ran it. */
  readonly node: string;
  /** What the function wrote to stdout before the outcome (its log lines). */
  readonly logs: string;
}

export function unpack(zip: Buffer, into: string): void {
  for (const entry of readZip(zip)) {
    mkdirSync(dirname(join(into, entry.name)), { recursive: true });
    writeFileSync(join(into, entry.name), entry.data);
  }
}

export interface RunOptions {
  /** The Node binary (default: this process's, Node 20). */
  readonly node?: string;
  /** Where to write the event file. */
  readonly work: string;
  readonly env: Record<string, string>;
}

/** Asynchronous on purpose: servers the function talks to may run in this process. */
export function invokeUnpacked<T>(file: string, exportName: string, event: unknown, options: RunOptions): Promise<Outcome<T>> {
  const eventFile = join(options.work, `event-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(eventFile, JSON.stringify(event));
  const env = {
    PATH: process.env.PATH ?? '',
    // Keep any developer AWS profile out of the way.
    AWS_CONFIG_FILE: join(options.work, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(options.work, 'no-aws-credentials'),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...options.env,
  };
  return new Promise((resolve, reject) => {
    execFile(options.node ?? process.execPath, ['-e', CHILD, file, exportName, eventFile], { cwd: dirname(file), env, timeout: 30000 }, (error, stdout, stderr) => {
      const at = stdout.lastIndexOf(MARKER);
      if (error || at < 0) return reject(new Error(`function process failed: ${stderr}${stdout}`, { cause: error }));
      try {
        resolve({ ...(JSON.parse(stdout.slice(at + MARKER.length)) as Omit<Outcome<T>, 'logs'>), logs: stdout.slice(0, at) });
      } catch (cause) {
        reject(new Error(`unreadable function outcome: ${stdout}`, { cause }));
      }
    });
  });
}
