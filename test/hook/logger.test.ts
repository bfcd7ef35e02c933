import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { handleHookRequest } from '../../src/hook/handler';
import { logStreamName } from '../../src/hook/logger';
import { HookRuntime } from '../../src/hook/runtime';
import { type LocalS3, startLocalS3, uploadTemplates } from '../../src/local/s3-server';
import { hookRequest, ROOT } from '../support/requests';

/**
 * CloudWatch Logs cannot run here, so this is the one stand-in: a tiny HTTP server that
 * records the JSON-protocol calls the real @aws-sdk/client-cloudwatch-logs makes.
 */
function fakeCloudWatchLogs(): Promise<{ server: Server; calls: { target: string; body: Record<string, unknown>; auth: string }[]; endpoint: string }> {
  const calls: { target: string; body: Record<string, unknown>; auth: string }[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      calls.push({ target: String(req.headers['x-amz-target']), body: JSON.parse(text || '{}'), auth: String(req.headers.authorization) });
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      res.end(req.headers['x-amz-target']?.toString().endsWith('PutLogEvents') ? '{"nextSequenceToken":"1"}' : '{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, calls, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe('Hook logs', () => {
  let s3: LocalS3;
  beforeAll(async () => {
    s3 = await startLocalS3(['rcfge-templates']);
    await uploadTemplates(s3.client, 'rcfge-templates', 'templates/', join(ROOT, 'templates'));
    process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
  });
  afterAll(async () => {
    delete process.env.AWS_ENDPOINT_URL_S3;
    await s3.close();
  });

  it('names the stream <stackId>/<logicalId> without the characters CloudWatch forbids', () => {
    expect(logStreamName('arn:aws:cloudformation:eu-west-1:1:stack/s/u', 'Bucket')).toBe('arn_aws_cloudformation_eu-west-1_1_stack/s/u/Bucket');
  });

  it('publishes to the provider log group with the provider credentials, never printing credentials', async () => {
    const cw = await fakeCloudWatchLogs();
    process.env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS = cw.endpoint;
    try {
      const request = hookRequest({ logicalId: 'Logged', properties: { NewFeature: {} } });
      const data = request.requestData as Record<string, unknown>;
      data.providerLogGroupName = 'rcfge-hook-logs';
      data.providerCredentials = JSON.stringify({ accessKeyId: 'AKIDPROVIDER00000001', secretAccessKey: 'provider-secret-value-1', sessionToken: 'provider-token-1' });
      const printed: string[] = [];
      const env = { ...process.env, AWS_REGION: 'eu-west-1' };
      const response = await handleHookRequest(request, new HookRuntime(env), { env, stdout: (line) => printed.push(line) });
      expect(response.hookStatus).toBe('FAILED');
      expect(cw.calls.map((c) => c.target.split('.').pop())).toEqual(['CreateLogStream', 'PutLogEvents']);
      const put = cw.calls[1].body as { logGroupName: string; logStreamName: string; logEvents: { message: string }[] };
      expect(put.logGroupName).toBe('rcfge-hook-logs');
      expect(put.logStreamName.endsWith('/Logged')).toBe(true);
      expect(put.logEvents.some((e) => e.message.includes('NewFeature'))).toBe(true);
      expect(cw.calls[1].auth).toContain('Credential=AKIDPROVIDER00000001/');
      const everything = JSON.stringify(put) + printed.join('\n') + JSON.stringify(response);
      for (const secret of ['provider-secret-value-1', 'provider-token-1', 'S3RVER"']) expect(everything).not.toContain(secret);
      expect(printed).toEqual([]);
    } finally {
      delete process.env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS;
      cw.server.close();
    }
  });

  it('falls back to stdout when there is no provider log group', async () => {
    const printed: string[] = [];
    const env = { ...process.env, AWS_REGION: 'eu-west-1' };
    await handleHookRequest(hookRequest({ logicalId: 'Plain' }), new HookRuntime(env), { env, stdout: (line) => printed.push(line) });
    expect(printed.some((line) => JSON.parse(line).message.includes('Plain'))).toBe(true);
  });
});
