/**
 * Credentials never leak: recognisable fake credentials go in as caller and provider
 * credentials, through success and error paths, and must appear in no log line, no
 * response, no console output and no file written.
 *
 * CloudWatch Logs cannot run here, so it is the one fake: a tiny HTTP server on 127.0.0.1
 * speaking just enough of its JSON protocol (AWS_ENDPOINT_URL_CLOUDWATCH_LOGS points at it),
 * or a closed port for the fallback path.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalS3 } from '../../src/local/s3-server';
import { closedPort, type FaultProxy, startFaultProxy } from '../support/fault-proxy';
import { captureLog, hookEnv, hookRequest, HookRuntime, invoke, startTemplateServer, TIGHT_TIMEOUTS } from '../support/hook-fixtures';
import { responseProblems } from '../support/invariants';

const ACCESS_KEY = 'ASIAFAKEFAKEFAKE1234';
const SECRET = `SECRET-CANARY-${randomUUID()}`;
const TOKEN = `TOKEN-CANARY-${randomUUID()}`;
const CANARIES = [ACCESS_KEY, SECRET, TOKEN];
const CANARY_CREDENTIALS = JSON.stringify({ accessKeyId: ACCESS_KEY, secretAccessKey: SECRET, sessionToken: TOKEN });

type CloudWatchMode = 'accept' | 'echo-error';

let s3: LocalS3;
let proxy: FaultProxy;
let cloudWatch: Server;
let cloudWatchMode: CloudWatchMode = 'accept';
let cloudWatchEndpoint: string;
const cloudWatchBodies: { target: string; body: string }[] = [];
const tmpBefore = new Set(readdirSync(tmpdir()));
/** Everything the Hook said anywhere during this file. */
const said: string[] = [];
const spies: jest.SpyInstance[] = [];

function spyOnOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    spies.push(
      jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
        said.push(String(chunk));
        return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write),
    );
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    spies.push(jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void said.push(args.map(String).join(' '))));
  }
}

beforeAll(async () => {
  s3 = await startTemplateServer();
  proxy = await startFaultProxy(s3.endpoint);
  cloudWatch = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      cloudWatchBodies.push({ target: String(req.headers['x-amz-target']), body: Buffer.concat(chunks).toString('utf8') });
      if (cloudWatchMode === 'echo-error') {
        // A hostile or careless service that repeats the caller's identity in its error.
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ __type: 'AccessDeniedException', message: `User ${ACCESS_KEY} with token ${TOKEN} and secret ${SECRET} is not authorized` }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(String(req.headers['x-amz-target']).endsWith('PutLogEvents') ? { nextSequenceToken: '1' } : {}));
    });
  });
  await new Promise<void>((resolve) => cloudWatch.listen(0, '127.0.0.1', resolve));
  cloudWatchEndpoint = `http://127.0.0.1:${(cloudWatch.address() as AddressInfo).port}`;
  spyOnOutput();
});

afterAll(async () => {
  for (const spy of spies) spy.mockRestore();
  await new Promise<void>((resolve) => cloudWatch.close(() => resolve()));
  await proxy.close();
  await s3.close();
});

function leaks(text: string): string[] {
  return CANARIES.filter((canary) => text.includes(canary));
}

/** Runs one invocation with canary credentials and checks its response and log lines at once. */
async function run(options: {
  endpoint?: string;
  caller?: unknown;
  provider?: unknown;
  logGroup?: string;
  cloudWatch?: string;
  properties?: Record<string, unknown>;
  typeName?: string;
}) {
  const env = hookEnv(options.endpoint ?? s3.endpoint, TIGHT_TIMEOUTS);
  process.env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS = options.cloudWatch ?? cloudWatchEndpoint;
  const raw = hookRequest({
    callerCredentials: options.caller ?? CANARY_CREDENTIALS,
    providerCredentials: options.provider ?? CANARY_CREDENTIALS,
    providerLogGroupName: options.logGroup ?? 'rcfge-hook-logs',
    properties: options.properties,
    typeName: options.typeName,
  });
  const log = captureLog();
  const response = await invoke(raw, new HookRuntime(env), env, log);
  said.push(JSON.stringify(response), ...log.lines);
  expect(responseProblems(response, raw)).toEqual([]);
  expect(leaks(JSON.stringify(response))).toEqual([]);
  expect(leaks(log.lines.join('\n'))).toEqual([]);
  return { response, log };
}

describe('no credential in responses or logs, on every path', () => {
  it('the leak detector finds the canaries (control)', () => {
    expect(leaks(`x${CANARY_CREDENTIALS}x`)).toEqual(CANARIES);
  });

  it('S3 rejects the caller credentials (s3rver: unknown access key) -> FAILED, nothing leaked', async () => {
    const { response } = await run({});
    expect(response.hookStatus).toBe('FAILED');
  });

  it('S3 answers 403 AccessDenied with an error that echoes the key and token -> FAILED, nothing leaked', async () => {
    proxy.setFault({ kind: 'status', status: 403, code: 'AccessDenied', message: `Access Denied for ${ACCESS_KEY} (token ${TOKEN})` });
    try {
      const { response } = await run({ endpoint: proxy.endpoint, caller: JSON.stringify({ accessKeyId: 'S3RVER', secretAccessKey: SECRET, sessionToken: TOKEN }) });
      expect(response.hookStatus).toBe('FAILED');
      expect(response.message).toMatch(/AccessDenied/);
    } finally {
      proxy.setFault({ kind: 'pass' });
    }
  });

  it('S3 answers 500 with an error message full of credentials -> FAILED, nothing leaked', async () => {
    proxy.setFault({ kind: 'status', status: 500, code: 'InternalError', message: `${ACCESS_KEY} ${SECRET} ${TOKEN}` });
    try {
      const { response } = await run({ endpoint: proxy.endpoint });
      expect(response.errorCode).toBe('ServiceInternalError');
    } finally {
      proxy.setFault({ kind: 'pass' });
    }
  });

  it('accepted caller credentials (s3rver key, canary session token): SUCCESS, logs published, nothing leaked', async () => {
    cloudWatchMode = 'accept';
    const before = cloudWatchBodies.length;
    const { response } = await run({ caller: JSON.stringify({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', sessionToken: TOKEN }) });
    expect(response.hookStatus).toBe('SUCCESS');
    const published = cloudWatchBodies.slice(before);
    expect(published.map((p) => p.target)).toEqual(['Logs_20140328.CreateLogStream', 'Logs_20140328.PutLogEvents']);
    // The log events themselves, as CloudWatch Logs would store them:
    expect(published[1].body).toMatch(/PASS \(compliant\)/);
    expect(leaks(published.map((p) => p.body).join('\n'))).toEqual([]);
  });

  it.each([
    ['truncated JSON', CANARY_CREDENTIALS.slice(0, -20)],
    ['JSON with a numeric secret', JSON.stringify({ accessKeyId: ACCESS_KEY, secretAccessKey: 12345, sessionToken: TOKEN })],
    ['JSON that is a list', JSON.stringify([ACCESS_KEY, SECRET, TOKEN])],
    ['a bare string', `${ACCESS_KEY}:${SECRET}:${TOKEN}`],
  ])('malformed caller credentials (%s) -> FAILED InvalidRequest without echoing them', async (_, caller) => {
    const { response } = await run({ caller });
    expect(response.hookStatus).toBe('FAILED');
    expect(response.errorCode).toBe('InvalidRequest');
  });

  it('malformed provider credentials -> FAILED InvalidRequest without echoing them', async () => {
    const { response } = await run({ caller: JSON.stringify({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }), provider: CANARY_CREDENTIALS.slice(0, -5) });
    expect(response.errorCode).toBe('InvalidRequest');
  });

  it('CloudWatch Logs unreachable (closed port) -> fallback to stdout, nothing leaked there', async () => {
    const { response, log } = await run({ caller: JSON.stringify({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', sessionToken: TOKEN }), cloudWatch: await closedPort() });
    expect(response.hookStatus).toBe('SUCCESS');
    expect(log.lines[0]).toMatch(/could not publish to CloudWatch Logs group rcfge-hook-logs/);
    expect(log.lines.length).toBeGreaterThan(1);
  });

  it('CloudWatch Logs answers an error that echoes the credentials -> fallback to stdout, nothing leaked there', async () => {
    cloudWatchMode = 'echo-error';
    try {
      const { log } = await run({ caller: JSON.stringify({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', sessionToken: TOKEN }) });
      expect(log.lines[0]).toMatch(/could not publish to CloudWatch Logs group rcfge-hook-logs: AccessDeniedException/);
    } finally {
      cloudWatchMode = 'accept';
    }
  });

  it('non-compliant properties and an unapproved type with canary credentials -> FAILED, nothing leaked', async () => {
    const caller = JSON.stringify({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', sessionToken: TOKEN });
    const noncompliant = await run({ caller, properties: { BucketName: 'x', WebsiteConfiguration: { IndexDocument: 'index.html' } } });
    const unapproved = await run({ caller, typeName: 'AWS::SageMaker::NotebookInstance', properties: {} });
    expect([noncompliant.response.errorCode, unapproved.response.errorCode]).toEqual(['NonCompliant', 'NonCompliant']);
  });
});

describe('nothing written anywhere', () => {
  it('no console or process output of this file contains a credential (spied stdout, stderr, console)', () => {
    expect(said.length).toBeGreaterThan(10); // the spies did capture the runs above
    expect(leaks(said.join('\n'))).toEqual([]);
  });

  it('no file created in the temp directory during this file (incl. the S3 server directory) contains a credential', () => {
    const found: string[] = [];
    let scanned = 0;
    const scan = (path: string): void => {
      let stat;
      try {
        stat = statSync(path);
      } catch {
        return; // another process removed it meanwhile
      }
      if (stat.isDirectory()) {
        // A checkout someone cloned into the temp directory meanwhile (another job on the machine) is not the Hook's output.
        if (path.endsWith('/node_modules') || path.endsWith('/.git')) return;
        let entries: string[] = [];
        try {
          entries = readdirSync(path);
        } catch {
          return;
        }
        for (const entry of entries) scan(join(path, entry));
      } else if (stat.isFile() && stat.size < 20 * 1024 * 1024) {
        scanned++;
        try {
          const text = readFileSync(path, 'latin1');
          if (leaks(text).length > 0) found.push(path);
        } catch {
          // unreadable or gone: not ours
        }
      }
    };
    for (const entry of readdirSync(tmpdir())) if (!tmpBefore.has(entry)) scan(join(tmpdir(), entry));
    expect(scanned).toBeGreaterThan(0); // the S3 server's object files at least
    expect(found).toEqual([]);
  });
});
