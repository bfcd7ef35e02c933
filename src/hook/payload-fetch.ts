import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { PayloadError } from './errors';

/** Bounds on fetching a stack-level payload; every one of them fails closed. */
export interface PayloadLimits {
  /** From the request to an open connection (DNS included). */
  readonly connectTimeoutMs: number;
  /** From the open connection to the last byte of the body. */
  readonly responseTimeoutMs: number;
  readonly maxAttempts: number;
  /** All attempts together. */
  readonly deadlineMs: number;
  readonly maxBytes: number;
}

/**
 * A template is at most 1 MB; a change set adds each changed resource's contexts. 10 MiB
 * leaves room for large change sets while keeping a hostile URL from filling the memory.
 */
export const DEFAULT_PAYLOAD_LIMITS: PayloadLimits = {
  connectTimeoutMs: 2000,
  responseTimeoutMs: 5000,
  maxAttempts: 3,
  deadlineMs: 10_000,
  maxBytes: 10 * 1024 * 1024,
};

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Operators and tests tune the limits with RCFGE_PAYLOAD_* variables. */
export function payloadLimitsFromEnv(env: NodeJS.ProcessEnv): PayloadLimits {
  const d = DEFAULT_PAYLOAD_LIMITS;
  return {
    connectTimeoutMs: positive(env, 'RCFGE_PAYLOAD_CONNECT_TIMEOUT_MS', d.connectTimeoutMs),
    responseTimeoutMs: positive(env, 'RCFGE_PAYLOAD_RESPONSE_TIMEOUT_MS', d.responseTimeoutMs),
    maxAttempts: Math.floor(positive(env, 'RCFGE_PAYLOAD_MAX_ATTEMPTS', d.maxAttempts)),
    deadlineMs: positive(env, 'RCFGE_PAYLOAD_DEADLINE_MS', d.deadlineMs),
    maxBytes: Math.floor(positive(env, 'RCFGE_PAYLOAD_MAX_BYTES', d.maxBytes)),
  };
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** HTTPS only (a presigned S3 URL); plain HTTP to this machine for local runs and tests. */
export function checkPayloadUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PayloadError('the payload is not a URL', 'InvalidRequest');
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return url;
  throw new PayloadError(`the payload URL must use https (http only to 127.0.0.1), not ${url.protocol}//${url.hostname}`, 'InvalidRequest');
}

/** A presigned URL's query is a credential: only scheme, host and path are ever shown. */
export function showUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/** Whether another attempt may help. */
function retryable(error: PayloadError): boolean {
  return error.errorCode === 'NetworkFailure' || error.errorCode === 'ServiceInternalError' || error.errorCode === 'Throttling';
}

function statusError(status: number, where: string): PayloadError {
  if (status === 429 || status === 503) return new PayloadError(`${where} answered HTTP ${status} (throttled)`, 'Throttling');
  if (status >= 500) return new PayloadError(`${where} answered HTTP ${status}`, 'ServiceInternalError');
  if (status === 403) return new PayloadError(`${where} answered HTTP 403: the presigned URL was refused (expired or altered)`, 'InvalidRequest');
  return new PayloadError(`${where} answered HTTP ${status}`, 'InvalidRequest');
}

/** One GET: the body as text, or a PayloadError that says what went wrong. Never follows redirects. */
function attempt(url: URL, limits: PayloadLimits, remainingMs: number): Promise<string> {
  const where = showUrl(url);
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (error: PayloadError | undefined, body?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(body as string);
    };
    const arm = (ms: number, what: string) => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(new PayloadError(`${where} did not ${what} within ${Math.round(ms)} ms`, 'NetworkFailure')), ms);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'GET', headers: { accept: 'application/json' } });
    arm(Math.min(limits.connectTimeoutMs, remainingMs), 'accept a connection');
    const onConnected = () => arm(Math.min(limits.responseTimeoutMs, remainingMs), 'answer');
    req.on('socket', (socket) => {
      // A reused keep-alive socket is connected already.
      if (!socket.connecting) onConnected();
      else socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', onConnected);
    });
    req.on('error', (error) => finish(new PayloadError(`${where} could not be fetched: ${(error as NodeJS.ErrnoException).code ?? error.message}`, 'NetworkFailure', { cause: error })));
    req.on('response', (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      if (status !== 200) {
        response.resume();
        finish(statusError(status, where));
        return;
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        finish(new PayloadError(`the payload is ${declared} bytes; the limit is ${limits.maxBytes}`, 'InvalidRequest'));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBytes) finish(new PayloadError(`the payload is larger than the limit of ${limits.maxBytes} bytes`, 'InvalidRequest'));
        else chunks.push(chunk);
      });
      response.on('end', () => {
        if (!response.complete) finish(new PayloadError(`${where} closed the connection before the whole payload arrived`, 'NetworkFailure'));
        else finish(undefined, Buffer.concat(chunks).toString('utf8'));
      });
      response.on('aborted', () => finish(new PayloadError(`${where} closed the connection before the whole payload arrived`, 'NetworkFailure')));
      response.on('error', (error) => finish(new PayloadError(`${where} failed while sending the payload: ${error.message}`, 'NetworkFailure', { cause: error })));
    });
    req.end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Fetches a stack-level payload as the official hook wrappers do (GET, retries on 5xx),
 * within bounds of our own: connect and response timeouts, a size limit, at most
 * `maxAttempts` tries with backoff, all inside `deadlineMs` (and the caller's budget).
 * Throws PayloadError.
 */
export async function fetchPayload(text: string, limits: PayloadLimits, budgetMs = Infinity): Promise<string> {
  const url = checkPayloadUrl(text);
  const deadline = Date.now() + Math.min(limits.deadlineMs, budgetMs);
  let last: PayloadError | undefined;
  for (let n = 0; n < limits.maxAttempts; n++) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    try {
      return await attempt(url, limits, remaining);
    } catch (error) {
      last = error as PayloadError;
      if (!retryable(last)) throw last;
      const pause = Math.min(100 * 2 ** n, 1000);
      if (n + 1 < limits.maxAttempts && deadline - Date.now() > pause) await sleep(pause);
    }
  }
  const tries = limits.maxAttempts;
  throw new PayloadError(`${last?.reason ?? 'no time left to fetch the payload'} (after up to ${tries} attempt${tries === 1 ? '' : 's'} within ${Math.round(Math.min(limits.deadlineMs, budgetMs))} ms)`, last?.errorCode ?? 'NetworkFailure', { cause: last });
}
