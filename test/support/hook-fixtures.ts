import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { handleHookRequest } from '../../src/hook/handler';
import { HookRuntime } from '../../src/hook/runtime';
import type { HookInvocationRequest, HookProgressEvent } from '../../src/hook/types';
import { type LocalS3, startLocalS3, uploadTemplates } from '../../src/local/s3-server';

export const ROOT = resolve(__dirname, '..', '..');
export const TEMPLATES_DIR = join(ROOT, 'templates');
export const REQUESTS_DIR = join(ROOT, 'examples', 'requests');
export const BUCKET = 'rcfge-security';
export const PREFIX = 'templates/';

/**
 * Tight budget for fault tests: each fault costs at most ~2 attempts of 1 s, all cut at 3 s.
 * Not tighter: the same values serve the passing controls beside the faults, and a timer that
 * expires during an event-loop stall (a GC pause, a busy 2-core runner) fires before the
 * answer already waiting on the socket is read.
 */
export const TIGHT_TIMEOUTS = {
  RCFGE_S3_CONNECT_TIMEOUT_MS: '1000',
  RCFGE_S3_REQUEST_TIMEOUT_MS: '1000',
  RCFGE_S3_MAX_ATTEMPTS: '2',
  RCFGE_S3_DEADLINE_MS: '3000',
  RCFGE_PAYLOAD_CONNECT_TIMEOUT_MS: '1000',
  RCFGE_PAYLOAD_RESPONSE_TIMEOUT_MS: '1000',
  RCFGE_PAYLOAD_MAX_ATTEMPTS: '2',
  RCFGE_PAYLOAD_DEADLINE_MS: '3000',
};

export function exampleRequest(file = '1-bucket-own-topic.compliant.json'): HookInvocationRequest {
  return JSON.parse(readFileSync(join(REQUESTS_DIR, file), 'utf8')) as HookInvocationRequest;
}

export interface RequestOptions {
  readonly typeName?: string;
  readonly properties?: unknown;
  readonly hookModel?: Record<string, unknown>;
  readonly point?: string;
  readonly token?: string;
  readonly logicalId?: string;
  readonly callerCredentials?: unknown;
  readonly providerCredentials?: unknown;
  readonly providerLogGroupName?: string;
}

/** The compliant example request, pointed at the test bucket, with fields overridden. */
export function hookRequest(options: RequestOptions = {}): HookInvocationRequest {
  const request = exampleRequest() as unknown as Record<string, any>;
  request.hookModel = { ...request.hookModel, TemplateBucket: BUCKET, TemplatePrefix: PREFIX, ...options.hookModel };
  if (options.token !== undefined) request.clientRequestToken = options.token;
  if (options.point !== undefined) request.actionInvocationPoint = options.point;
  const data = request.requestData;
  if (options.typeName !== undefined) data.targetName = options.typeName;
  if (options.logicalId !== undefined) data.targetLogicalId = options.logicalId;
  if (options.properties !== undefined) data.targetModel = { resourceProperties: options.properties };
  if (options.callerCredentials !== undefined) data.callerCredentials = options.callerCredentials;
  if (options.providerCredentials !== undefined) data.providerCredentials = options.providerCredentials;
  if (options.providerLogGroupName !== undefined) data.providerLogGroupName = options.providerLogGroupName;
  return request as unknown as HookInvocationRequest;
}

/**
 * The SDK takes its S3 endpoint from the process environment (as in production), so the
 * test sets it there and passes the same values to the runtime.
 */
export function hookEnv(endpoint: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  process.env.AWS_ENDPOINT_URL_S3 = endpoint;
  return { AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_S3: endpoint, ...extra };
}

export interface LogCapture {
  readonly lines: string[];
  readonly stdout: (line: string) => void;
}

export function captureLog(): LogCapture {
  const lines: string[] = [];
  return { lines, stdout: (line) => lines.push(line) };
}

/** One invocation as CloudFormation makes it: fresh or warm runtime, logs captured. */
export async function invoke(raw: unknown, runtime: HookRuntime, env: NodeJS.ProcessEnv, log: LogCapture = captureLog()): Promise<HookProgressEvent> {
  return handleHookRequest(raw, runtime, { env, stdout: log.stdout });
}

export async function startTemplateServer(bucket = BUCKET): Promise<LocalS3> {
  const s3 = await startLocalS3([bucket]);
  await uploadTemplates(s3.client, bucket, PREFIX, TEMPLATES_DIR);
  return s3;
}

/** GETs of template objects (not bucket-level calls) seen by a server or proxy. */
export function objectGets(requests: readonly { method: string; url: string }[], file?: string): number {
  return requests.filter((r) => r.method === 'GET' && r.url.includes(`/${PREFIX}`) && (file === undefined || r.url.split('?')[0].endsWith(`/${file}`))).length;
}

export { HookRuntime };
