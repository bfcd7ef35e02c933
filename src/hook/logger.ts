import type { Credentials } from './types';

const MAX_LINE_CHARS = 16 * 1024;

/** Log lines of one invocation, collected and published once at the end. */
export class InvocationLog {
  readonly lines: string[] = [];
  private readonly secrets: string[];

  constructor(credentials: readonly (Credentials | undefined)[]) {
    // Any credential value that slips into a message (e.g. inside an SDK error) is masked.
    this.secrets = credentials
      .flatMap((c) => (c ? [c.accessKeyId, c.secretAccessKey, c.sessionToken ?? ''] : []))
      .filter((s) => s.length >= 8);
  }

  info(message: string, fields: Record<string, unknown> = {}): void {
    this.write('INFO', message, fields);
  }

  warn(message: string, fields: Record<string, unknown> = {}): void {
    this.write('WARN', message, fields);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join('***');
    return out.replace(/\b(A[SK]IA[0-9A-Z]{12,})\b/g, '***');
  }

  private write(level: string, message: string, fields: Record<string, unknown>): void {
    const line = this.redact(JSON.stringify({ timestamp: new Date().toISOString(), level, message, ...fields }));
    // CloudWatch Logs refuses events over 256 KB, and with them the whole batch.
    this.lines.push(line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…(truncated)` : line);
  }
}

function redactKeys(text: string, credentials: Credentials): string {
  let out = text;
  for (const secret of [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken ?? '']) {
    if (secret.length >= 8) out = out.split(secret).join('***');
  }
  return out;
}

export interface CloudWatchTarget {
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly region: string;
  readonly credentials: Credentials;
}

/** CloudWatch Logs forbids ":" and "*" in stream names; stack IDs are ARNs full of ":". */
export function logStreamName(stackId: string, logicalId: string): string {
  return `${stackId}/${logicalId}`.replace(/[:*]/g, '_').slice(0, 512);
}

const PUBLISH_TIMEOUT_MS = 2000;

/**
 * Registered hooks log to the customer's CloudWatch Logs group with the provider
 * credentials (Lambda console output is invisible to them); stdout is the fallback.
 * The SDK client is loaded only when there is somewhere to publish.
 */
export async function publishLog(lines: readonly string[], target: CloudWatchTarget | undefined, stdout: (line: string) => void = console.log): Promise<void> {
  if (lines.length === 0) return;
  if (!target) {
    for (const line of lines) stdout(line);
    return;
  }
  // Loaded on first use: a Lambda Hook (no provider log group) never pays for it.
  const { CloudWatchLogsClient, CreateLogStreamCommand, PutLogEventsCommand } = require('./cloudwatch') as typeof import('./cloudwatch');
  const client = new CloudWatchLogsClient({ region: target.region, credentials: target.credentials, maxAttempts: 2 });
  const signal = AbortSignal.timeout(PUBLISH_TIMEOUT_MS);
  try {
    try {
      await client.send(new CreateLogStreamCommand({ logGroupName: target.logGroupName, logStreamName: target.logStreamName }), { abortSignal: signal });
    } catch (error) {
      if ((error as { name?: string }).name !== 'ResourceAlreadyExistsException') throw error;
    }
    const now = Date.now();
    await client.send(
      new PutLogEventsCommand({
        logGroupName: target.logGroupName,
        logStreamName: target.logStreamName,
        logEvents: lines.map((message) => ({ timestamp: now, message })),
      }),
      { abortSignal: signal },
    );
  } catch (error) {
    // The reason helps the operator; the SDK's message names no credential, but mask them anyway.
    const reason = redactKeys(`${(error as Error).name}: ${(error as Error).message}`, target.credentials);
    stdout(JSON.stringify({ level: 'WARN', message: `could not publish to CloudWatch Logs group ${target.logGroupName}: ${reason}` }));
    for (const line of lines) stdout(line);
  } finally {
    client.destroy();
  }
}
