/**
 * Stack-level payloads that cannot be used fail closed within the budget (SECURITY.md,
 * fail-closed rules): a real HTTP server on 127.0.0.1 answers 404, stays silent, sends
 * text, 50 MB, 5xx; the real handler fetches from it.
 */
import { LOGS, stack, type StackHarness, startStackHarness } from '../support/stack-harness';
import { stackPayload, stackRequest } from '../support/stack-requests';

let h: StackHarness;
beforeAll(async () => {
  h = await startStackHarness();
});
afterAll(() => h.close());

// 1 s, not less: the passing cases below share these values, and a loaded runner can stall the event loop past 0.5 s.
const tight = () => ({ ...h.env, RCFGE_PAYLOAD_CONNECT_TIMEOUT_MS: '1000', RCFGE_PAYLOAD_RESPONSE_TIMEOUT_MS: '1000', RCFGE_PAYLOAD_MAX_ATTEMPTS: '2', RCFGE_PAYLOAD_DEADLINE_MS: '3000' });
const MB50 = 50 * 1024 * 1024;

describe('payloads that cannot be used fail closed within the budget', () => {
  it.each([
    ['404s', () => `${h.http.base}/missing.json?X-Amz-Signature=x`, 'InvalidRequest', /answered HTTP 404/],
    ['answers 403 (expired)', () => h.http.serve('/expired.json', { kind: 'body', body: '<Error/>', status: 403 }), 'InvalidRequest', /HTTP 403: the presigned URL was refused/],
    ['hangs', () => h.http.serve('/hang.json', { kind: 'hang' }), 'NetworkFailure', /did not answer within/],
    ['is not JSON', () => h.http.serve('/text.json', { kind: 'body', body: '<html>oops</html>' }), 'InvalidRequest', /payload is not JSON/],
    ['is JSON but not an object', () => h.http.serve('/list.json', { kind: 'body', body: '[1,2]' }), 'InvalidRequest', /payload is not a JSON object/],
    ['is 50 MB (declared)', () => h.http.serve('/big1.json', { kind: 'big', bytes: MB50, declareLength: true }), 'InvalidRequest', /payload is 52428800 bytes; the limit is 10485760/],
    ['is 50 MB (streamed)', () => h.http.serve('/big2.json', { kind: 'big', bytes: MB50, declareLength: false }), 'InvalidRequest', /larger than the limit of 10485760 bytes/],
    ['answers 500 every time', () => h.http.serve('/down.json', { kind: 'flaky', failures: 99, status: 500, body: '{}' }), 'ServiceInternalError', /HTTP 500 \(after up to 2 attempts/],
    ['refuses connections', () => 'http://127.0.0.1:9/payload.json', 'NetworkFailure', /could not be fetched: ECONNREFUSED/],
    ['uses plain HTTP to another host', () => 'http://example.com/payload.json', 'InvalidRequest', /must use https/],
    ['is not a URL', () => 'not a url', 'InvalidRequest', /not a URL/],
  ])('a payload URL that %s', async (_, payload, code, reason) => {
    const started = Date.now();
    const response = await h.run(stackRequest({ payload: payload() }), { env: tight(), deadlineMs: 5000 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: code });
    expect(response.message).toMatch(reason);
    expect(response.message).toMatch(/fails closed/);
    // The query of a presigned URL is a credential: never echoed.
    expect(response.message).not.toContain('X-Amz-Signature');
  });

  it('answers within the handler budget with the default limits when the payload hangs', async () => {
    const started = Date.now();
    const response = await h.run(stackRequest({ payload: h.http.serve('/hang2.json', { kind: 'hang' }) }), { deadlineMs: 2500 });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(response.hookStatus).toBe('FAILED');
    expect(['NetworkFailure', 'InternalFailure']).toContain(response.errorCode);
  });

  it('retries a 503 and judges the payload it then gets', async () => {
    const payload = h.http.serve('/flaky.json', { kind: 'flaky', failures: 1, status: 503, body: stackPayload(stack(LOGS)) });
    expect(await h.run(stackRequest({ payload }), { env: tight() })).toMatchObject({ hookStatus: 'SUCCESS' });
    expect(h.http.hits.get('/flaky.json')).toBe(2);
  });

  it('does not follow a redirect (SECURITY.md: no other network)', async () => {
    const target = h.http.serve('/elsewhere.json', { kind: 'body', body: stackPayload(stack(LOGS)) });
    const moved = h.http.serve('/moved.json', { kind: 'body', body: '', status: 302, headers: { location: target } });
    const response = await h.run(stackRequest({ payload: moved }), { env: tight() });
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidRequest' });
    expect(response.message).toMatch(/answered HTTP 302/);
    expect(h.http.hits.get('/elsewhere.json')).toBeUndefined();
  });

  it("never writes the URL's query (the presigner's credential) to a log line or the response", async () => {
    const secret = 'X-Amz-Credential=AKIAEXAMPLE%2F20261130&X-Amz-Signature=0123456789abcdef0123456789abcdef';
    for (const path of ['/logged-ok.json', '/logged-missing.json']) {
      if (path === '/logged-ok.json') h.http.serve(path, { kind: 'body', body: stackPayload(stack(LOGS)) });
      const lines: string[] = [];
      const response = await h.run(stackRequest({ payload: `${h.http.base}${path}?${secret}` }), { env: tight(), stdout: (line) => lines.push(line) });
      expect(lines.length).toBeGreaterThan(0);
      expect(`${lines.join('\n')}${JSON.stringify(response)}`).not.toMatch(/0123456789abcdef|AKIAEXAMPLE/);
    }
  });

  it('does not retry a 404', async () => {
    await h.run(stackRequest({ payload: `${h.http.base}/once.json` }), { env: tight() });
    expect(h.http.hits.get('/once.json')).toBe(1);
  });

  it('answers a Lambda Hook with InternalFailure, keeping the precise code in the message', async () => {
    const request = stackRequest({ payload: `${h.http.base}/gone.json`, hookModel: { LambdaFunction: 'arn:aws:lambda:eu-west-1:111122223333:function:rcfge' } });
    const response = await h.run(request, { env: { ...tight(), RCFGE_TEMPLATE_BUCKET: 'rcfge-templates', RCFGE_TEMPLATE_PREFIX: 'templates/' } });
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
    expect(response.message).toMatch(/^\[InvalidRequest\] /);
  });
});
