/**
 * Fault injection between the real S3 client and a real S3-compatible server: every
 * fault must end in FAILED, naming the cause, within the configured time budget.
 */
import { closedPort, type Fault, useProxiedTemplateServer } from '../support/fault-proxy';
import { captureLog, hookEnv, hookRequest, HookRuntime, invoke, startTemplateServer, TIGHT_TIMEOUTS } from '../support/hook-fixtures';
import { responseProblems } from '../support/invariants';


const servers = useProxiedTemplateServer(() => startTemplateServer());

/** Tight budget: 2 attempts x 1 s + backoff, cut at 3 s by the S3 deadline; the rest is room for a loaded runner. */
const TIGHT_BUDGET_MS = 4500;

async function invokeThrough(endpoint: string, extraEnv: Record<string, string> = TIGHT_TIMEOUTS, hookModel: Record<string, unknown> = {}) {
  const env = hookEnv(endpoint, extraEnv);
  const raw = hookRequest({ hookModel });
  const log = captureLog();
  const started = Date.now();
  const response = await invoke(raw, new HookRuntime(env), env, log);
  return { response, elapsed: Date.now() - started, raw, log };
}

describe('the fault proxy itself', () => {
  it('passes requests through unchanged when no fault is set (control)', async () => {
    // Prepare: no fault. Act
    const { response, raw } = await invokeThrough(servers.proxy.endpoint);
    // Assess: the same path with a fault below is what turns it into FAILED.
    expect(responseProblems(response, raw)).toEqual([]);
    expect(response.hookStatus).toBe('SUCCESS');
    expect(servers.proxy.requests.length).toBeGreaterThan(0);
  });
});

interface FaultCase {
  readonly name: string;
  readonly fault: Fault;
  readonly errorCode: string;
  readonly cause: RegExp;
}

const FAULTS: FaultCase[] = [
  { name: 'the proxy destroys every connection', fault: { kind: 'refuse' }, errorCode: 'NetworkFailure', cause: /cannot reach S3|socket hang up|ECONNRESET/ },
  { name: 'the response is delayed past the client timeout', fault: { kind: 'delay', ms: 5000 }, errorCode: 'NetworkFailure', cause: /did not answer in time|took longer/ },
  { name: 'S3 answers 500 InternalError', fault: { kind: 'status', status: 500, code: 'InternalError' }, errorCode: 'ServiceInternalError', cause: /HTTP 500/ },
  { name: 'S3 answers 503 SlowDown', fault: { kind: 'status', status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' }, errorCode: 'Throttling', cause: /throttling \(SlowDown\)/ },
  { name: 'S3 answers 403 AccessDenied', fault: { kind: 'status', status: 403, code: 'AccessDenied', message: 'Access Denied' }, errorCode: 'NonCompliant', cause: /AccessDenied/ },
  { name: 'S3 answers 404 NoSuchKey', fault: { kind: 'status', status: 404, code: 'NoSuchKey', message: 'The specified key does not exist.' }, errorCode: 'NonCompliant', cause: /NoSuchKey/ },
  { name: 'S3 answers 403 InvalidAccessKeyId', fault: { kind: 'status', status: 403, code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist.' }, errorCode: 'InvalidCredentials', cause: /refused the Hook's credentials \(InvalidAccessKeyId\)/ },
  { name: 'S3 answers 400 ExpiredToken', fault: { kind: 'status', status: 400, code: 'ExpiredToken', message: 'The provided token has expired.' }, errorCode: 'InvalidCredentials', cause: /ExpiredToken/ },
  { name: 'S3 answers 301 PermanentRedirect (bucket in another region)', fault: { kind: 'status', status: 301, code: 'PermanentRedirect', message: 'The bucket you are attempting to access must be addressed using the specified endpoint.' }, errorCode: 'InvalidTypeConfiguration', cause: /TemplateBucketRegion/ },
  { name: 'the body is cut short', fault: { kind: 'truncate' }, errorCode: 'NetworkFailure', cause: /cut short/ },
  { name: 'the body is not JSON', fault: { kind: 'not-json' }, errorCode: 'InternalFailure', cause: /not valid JSON/ },
];

describe('each S3 fault fails closed within the tight budget', () => {
  it.each(FAULTS)('$name -> FAILED $errorCode naming the cause', async ({ fault, errorCode, cause }) => {
    // Prepare
    servers.proxy.setFault(fault);
    // Act: awaiting directly means a throw out of the handler fails the test.
    const { response, elapsed, raw } = await invokeThrough(servers.proxy.endpoint);
    // Assess
    expect(responseProblems(response, raw)).toEqual([]);
    expect(response.hookStatus).toBe('FAILED');
    expect(response.errorCode).toBe(errorCode);
    expect(response.message).toMatch(cause);
    expect(response.message).toContain('s3://rcfge-security/templates/aws-s3-bucket.json');
    expect(elapsed).toBeLessThan(TIGHT_BUDGET_MS);
  });

  it('a port with nothing listening -> FAILED NetworkFailure (ECONNREFUSED)', async () => {
    const endpoint = await closedPort();
    const { response, elapsed, raw } = await invokeThrough(endpoint);
    expect(responseProblems(response, raw)).toEqual([]);
    expect(response.hookStatus).toBe('FAILED');
    expect(response.errorCode).toBe('NetworkFailure');
    expect(response.message).toMatch(/ECONNREFUSED/);
    expect(elapsed).toBeLessThan(TIGHT_BUDGET_MS);
  });
});

describe('infrastructure faults are not "missing templates"', () => {
  const STORE_FAULTS = FAULTS.filter((f) => f.errorCode !== 'NonCompliant');

  it.each(STORE_FAULTS)('$name with MissingTemplateAction ALLOW is still FAILED', async ({ fault, errorCode }) => {
    servers.proxy.setFault(fault);
    const { response } = await invokeThrough(servers.proxy.endpoint, TIGHT_TIMEOUTS, { MissingTemplateAction: 'ALLOW' });
    expect(response.hookStatus).toBe('FAILED');
    expect(response.errorCode).toBe(errorCode);
  });

  it('404 with MissingTemplateAction ALLOW is SUCCESS (the documented escape hatch; contrast for the test above)', async () => {
    servers.proxy.setFault({ kind: 'status', status: 404, code: 'NoSuchKey' });
    const { response } = await invokeThrough(servers.proxy.endpoint, TIGHT_TIMEOUTS, { MissingTemplateAction: 'ALLOW' });
    expect(response.hookStatus).toBe('SUCCESS');
  });
});

describe('deleting a resource when S3 will not say whether a template exists', () => {
  const kmsDelete = (hookModel: Record<string, unknown> = {}) => ({ typeName: 'AWS::KMS::Key', point: 'DELETE_PRE_PROVISION', hookModel });

  it('control: the KMS template denies deletion', async () => {
    const env = hookEnv(servers.proxy.endpoint, TIGHT_TIMEOUTS);
    const response = await invoke(hookRequest(kmsDelete()), new HookRuntime(env), env);
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
  });

  it('403 AccessDenied (it may hide that template) -> FAILED, naming s3:ListBucket', async () => {
    servers.proxy.setFault({ kind: 'status', status: 403, code: 'AccessDenied', message: 'Access Denied' });
    const env = hookEnv(servers.proxy.endpoint, TIGHT_TIMEOUTS);
    const response = await invoke(hookRequest(kmsDelete()), new HookRuntime(env), env);
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toMatch(/cannot tell whether a template restricts deleting it.*s3:ListBucket/);
  });

  it('404 NoSuchKey (definitely no template) -> SUCCESS: removing a resource adds no configuration', async () => {
    servers.proxy.setFault({ kind: 'status', status: 404, code: 'NoSuchKey', message: 'The specified key does not exist.' });
    const env = hookEnv(servers.proxy.endpoint, TIGHT_TIMEOUTS);
    const response = await invoke(hookRequest(kmsDelete()), new HookRuntime(env), env);
    expect(response.hookStatus).toBe('SUCCESS');
  });

  it('403 InvalidAccessKeyId is never read as "no template", even for a delete with MissingTemplateAction ALLOW', async () => {
    servers.proxy.setFault({ kind: 'status', status: 403, code: 'InvalidAccessKeyId', message: 'nope' });
    const env = hookEnv(servers.proxy.endpoint, TIGHT_TIMEOUTS);
    const response = await invoke(hookRequest(kmsDelete({ MissingTemplateAction: 'ALLOW' })), new HookRuntime(env), env);
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidCredentials' });
  });
});

describe('retries are bounded but real', () => {
  it('one 500 followed by a good answer -> SUCCESS after a retry', async () => {
    servers.proxy.setFault({ kind: 'status', status: 500, code: 'InternalError' }, 1);
    const before = servers.proxy.requests.length;
    const { response, elapsed } = await invokeThrough(servers.proxy.endpoint);
    expect(response.hookStatus).toBe('SUCCESS');
    expect(servers.proxy.requests.length - before).toBe(2);
    expect(elapsed).toBeLessThan(TIGHT_BUDGET_MS);
  });

  it('a persistent 500 costs exactly RCFGE_S3_MAX_ATTEMPTS requests', async () => {
    servers.proxy.setFault({ kind: 'status', status: 500, code: 'InternalError' });
    const before = servers.proxy.requests.length;
    const { response } = await invokeThrough(servers.proxy.endpoint, { ...TIGHT_TIMEOUTS, RCFGE_S3_MAX_ATTEMPTS: '3' });
    expect(response.hookStatus).toBe('FAILED');
    expect(servers.proxy.requests.length - before).toBe(3);
  });

  it('the S3 deadline cuts retries short: RCFGE_S3_DEADLINE_MS 800 with 3 x 5 s timeouts', async () => {
    servers.proxy.setFault({ kind: 'delay', ms: 10_000 });
    const { response, elapsed } = await invokeThrough(servers.proxy.endpoint, {
      RCFGE_S3_CONNECT_TIMEOUT_MS: '5000',
      RCFGE_S3_REQUEST_TIMEOUT_MS: '5000',
      RCFGE_S3_MAX_ATTEMPTS: '3',
      RCFGE_S3_DEADLINE_MS: '800',
    });
    expect(response.hookStatus).toBe('FAILED');
    expect(response.errorCode).toBe('NetworkFailure');
    expect(response.message).toMatch(/took longer than 800 ms/);
    // Without the deadline the first attempt alone takes 5 s; the room above 800 ms is for a loaded runner (~1 s measured at load 14).
    expect(elapsed).toBeLessThan(4000);
  });

  it('the verdict deadline (handler deadlineMs) answers FAILED even when S3 would take longer', async () => {
    servers.proxy.setFault({ kind: 'delay', ms: 10_000 });
    const env = hookEnv(servers.proxy.endpoint, { RCFGE_S3_REQUEST_TIMEOUT_MS: '5000', RCFGE_S3_DEADLINE_MS: '8000' });
    const raw = hookRequest();
    const { handleHookRequest } = await import('../../src/hook/handler');
    const started = Date.now();
    const response = await handleHookRequest(raw, new HookRuntime(env), { env, deadlineMs: 700, stdout: () => undefined });
    const elapsed = Date.now() - started;
    expect(response.hookStatus).toBe('FAILED');
    expect(response.errorCode).toBe('InternalFailure');
    expect(response.message).toMatch(/no verdict in time/);
    // Without the 700 ms deadline the answer would wait for the 5 s request timeout.
    expect(elapsed).toBeLessThan(4000);
  });
});

describe('default timeouts (no RCFGE_S3_* overrides)', () => {
  it('a response delayed for 60 s -> FAILED within the default budget (< 25 s)', async () => {
    // Prepare: 3 attempts x (3 s response timeout) + backoff, cut at 15 s at worst.
    servers.proxy.setFault({ kind: 'delay', ms: 60_000 });
    // Act
    const { response, elapsed, raw } = await invokeThrough(servers.proxy.endpoint, {});
    console.log(`default timeouts: delayed S3 answered FAILED after ${elapsed} ms`);
    // Assess
    expect(responseProblems(response, raw)).toEqual([]);
    expect(response.hookStatus).toBe('FAILED');
    expect(response.errorCode).toBe('NetworkFailure');
    expect(elapsed).toBeLessThan(25_000);
    expect(elapsed).toBeGreaterThanOrEqual(3000); // it really waited for the configured timeout
  }, 40_000);
});
