import type { Credentials } from './types';

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
    this.lines.push(this.redact(JSON.stringify({ timestamp: new Date().toISOString(), level, message, ...fields })));
  }
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
    stdout(JSON.stringify({ level: 'WARN', message: `could not publish to CloudWatch Logs group ${target.logGroupName}: ${(error as Error).name}` }));
    for (const line of lines) stdout(line);
  } finally {
    client.destroy();
  }
}
