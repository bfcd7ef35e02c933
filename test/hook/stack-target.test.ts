/**
 * STACK and CHANGE_SET targets through the real handler: payloads served over real HTTP by
 * a local server (standing in for S3 presigned URLs) and by presigned URLs of the local S3
 * server, templates read from that S3 server through the real SDK.
 */
import { join } from 'node:path';
import { handleHookRequest } from '../../src/hook/handler';
import { HookRuntime } from '../../src/hook/runtime';
import type { HookProgressEvent } from '../../src/hook/types';
import { type LocalS3, presignedPayload, startLocalS3, uploadTemplates } from '../../src/local/s3-server';
import { responseProblems } from '../support/invariants';
import { type PayloadServer, startPayloadServer } from '../support/payload-server';
import { ROOT } from '../support/requests';
import { changeSetPayload, examplePayload, stackPayload, stackRequest } from '../support/stack-requests';

let s3: LocalS3;
let http: PayloadServer;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  s3 = await startLocalS3(['rcfge-templates']);
  await uploadTemplates(s3.client, 'rcfge-templates', 'templates/', join(ROOT, 'templates'));
  await uploadTemplates(s3.client, 'rcfge-templates', 'replace/', join(ROOT, 'test', 'fixtures', 'stack', 'templates'));
  http = await startPayloadServer();
  process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
  env = { ...process.env, AWS_REGION: 'eu-west-1' };
});
afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL_S3;
  await http.close();
  await s3.close();
});

let served = 0;
/** Serves a payload at a fresh path and returns its URL. */
const url = (body: string) => http.serve(`/payload-${++served}.json`, { kind: 'body', body });

async function run(request: unknown, extra: { env?: NodeJS.ProcessEnv; deadlineMs?: number } = {}): Promise<HookProgressEvent> {
  const response = await handleHookRequest(request, new HookRuntime(extra.env ?? env), { env: extra.env ?? env, stdout: () => undefined, ...(extra.deadlineMs ? { deadlineMs: extra.deadlineMs } : {}) });
  expect(responseProblems(response, request)).toEqual([]);
  return response;
}

const KEY = `
  DataKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root'
            Action: 'kms:*'
            Resource: '*'`;
const LOGS = `
  AuditLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 365`;
const stack = (...resources: string[]) => `AWSTemplateFormatVersion: '2010-09-09'\nResources:${resources.join('')}\n`;

describe('STACK target', () => {
  it('answers one FAILED naming all three violating resources, with one annotation per finding', async () => {
    const response = await run(stackRequest({ payload: url(examplePayload('5-stack-three-violations.noncompliant.json')) }));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', clientRequestToken: 'stack-token-1' });
    expect(response.message).toMatch(/^Stack app-stack \(creation\): 3 of 4 judged resources fail: AppLogs \(AWS::Logs::LogGroup\), JobQueue \(AWS::SQS::Queue\), Alerts \(AWS::SNS::Topic\)\./);
    expect(response.message).toContain('/RetentionInDays (line 8)');
    expect(response.message).toContain('/SqsManagedSseEnabled (line 13)');
    expect(response.message).toContain('/KmsMasterKeyId (line 16)');
    expect(response.message).not.toContain('AuditLogs');
    expect(response.annotations).toHaveLength(3);
    expect(response.annotations?.map((a) => [a.status, a.statusMessage?.split(': ')[0]])).toEqual([
      ['FAILED', 'AppLogs (AWS::Logs::LogGroup)'],
      ['FAILED', 'JobQueue (AWS::SQS::Queue)'],
      ['FAILED', 'Alerts (AWS::SNS::Topic)'],
    ]);
    for (const a of response.annotations ?? []) {
      expect(a.annotationName).toMatch(/^RCFGE/);
      expect(a.severityLevel).toBe('MEDIUM');
      expect(a.remediationMessage).toBeTruthy();
    }
  });

  it('gives the same verdict from a presigned URL of the local S3 server', async () => {
    const presigned = await presignedPayload(s3.client, 'rcfge-templates', 'payloads/three.json', examplePayload('5-stack-three-violations.noncompliant.json'));
    expect(presigned).toMatch(/X-Amz-Signature=/);
    const response = await run(stackRequest({ payload: presigned }));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.annotations).toHaveLength(3);
  });

  it('answers SUCCESS when every resource complies', async () => {
    const response = await run(stackRequest({ payload: url(stackPayload(stack(KEY, LOGS))) }));
    expect(response).toMatchObject({ hookStatus: 'SUCCESS' });
    expect(response.message).toBe('Stack app-stack (creation): all 2 judged resources comply.');
    expect(response.annotations).toEqual([{ annotationName: 'RCFGE', status: 'PASSED', statusMessage: response.message }]);
  });

  it('refuses an update that removes a resource whose template denies deletion, and passes the same update keeping it', async () => {
    const point = 'UPDATE_PRE_PROVISION';
    const removing = await run(stackRequest({ point, payload: url(stackPayload(stack(LOGS), stack(KEY, LOGS))) }));
    expect(removing).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(removing.message).toContain('DataKey (AWS::KMS::Key, removed)');
    expect(removing.message).toContain('AWS::KMS::Key DataKey is removed from the stack by this update, which deletes it');
    expect(removing.annotations).toEqual([expect.objectContaining({ status: 'FAILED', severityLevel: 'HIGH' })]);
    const keeping = await run(stackRequest({ point, payload: url(stackPayload(stack(KEY, LOGS), stack(KEY, LOGS))) }));
    expect(keeping).toMatchObject({ hookStatus: 'SUCCESS' });
  });

  it('lets an update remove a protected resource the old template retains (DeletionPolicy: Retain)', async () => {
    const retained = stack(KEY.replace('Type: AWS::KMS::Key', 'Type: AWS::KMS::Key\n    DeletionPolicy: Retain'), LOGS);
    expect(await run(stackRequest({ point: 'UPDATE_PRE_PROVISION', payload: url(stackPayload(stack(LOGS), retained)) }))).toMatchObject({ hookStatus: 'SUCCESS' });
  });

  it('refuses an update that replaces a protected resource (a create-only property changes) unless UpdateReplacePolicy is Retain', async () => {
    const hookModel = { TemplateBucket: 'rcfge-templates', TemplatePrefix: 'replace/' };
    const bucket = (name: string, extra = '') => stack(`\n  Archive:\n    Type: AWS::S3::Bucket${extra}\n    Properties:\n      BucketName: ${name}`);
    const point = 'UPDATE_PRE_PROVISION';
    const replaced = await run(stackRequest({ point, hookModel, payload: url(stackPayload(bucket('archive-v2'), bucket('archive-v1'))) }));
    expect(replaced).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(replaced.message).toContain('Archive (AWS::S3::Bucket, replaced)');
    expect(replaced.message).toContain('its create-only property /BucketName changes');
    const fromParameter = `Parameters:\n  Name:\n    Type: String\n${bucket('!Ref Name')}`;
    const unknown = await run(stackRequest({ point, hookModel, payload: url(stackPayload(fromParameter, bucket('archive-v1'))) }));
    expect(unknown).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(unknown.message).toContain('its create-only property /BucketName may change');
    // The same expression on both sides: a changed parameter value is outside a stack payload's sight.
    expect(await run(stackRequest({ point, hookModel, payload: url(stackPayload(fromParameter, fromParameter)) }))).toMatchObject({ hookStatus: 'SUCCESS' });
    const same = await run(stackRequest({ point, hookModel, payload: url(stackPayload(bucket('archive-v1'), bucket('archive-v1'))) }));
    expect(same).toMatchObject({ hookStatus: 'SUCCESS' });
    const retained = await run(stackRequest({ point, hookModel, payload: url(stackPayload(bucket('archive-v2', '\n    UpdateReplacePolicy: Retain'), bucket('archive-v1'))) }));
    expect(retained).toMatchObject({ hookStatus: 'SUCCESS' });
  });

  it('does not judge values that come from parameters: the payload carries no parameter values', async () => {
    const template = `Parameters:\n  Days:\n    Type: Number\n    Default: 10\nResources:\n  AppLogs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: !Ref Days\n`;
    expect(await run(stackRequest({ payload: url(stackPayload(template)) }))).toMatchObject({ hookStatus: 'SUCCESS' });
  });

  it('passes a stack deletion whose payload carries no template (each resource is judged by its delete handler)', async () => {
    const response = await run(stackRequest({ point: 'DELETE_PRE_PROVISION', payload: url(stackPayload('', '')) }));
    expect(response).toMatchObject({ hookStatus: 'SUCCESS', message: 'Stack app-stack (deletion): no resource to judge.' });
  });

  it('refuses a stack deletion whose payload shows a resource that may not be deleted', async () => {
    const response = await run(stackRequest({ point: 'DELETE_PRE_PROVISION', payload: url(stackPayload('', stack(KEY, LOGS))) }));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toContain('DataKey');
  });

  it('fails closed, with the line, on a template it cannot read', async () => {
    const response = await run(stackRequest({ payload: url(stackPayload('Resources:\n  A: [unclosed\n')) }));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidRequest' });
    expect(response.message).toMatch(/stack template in the payload cannot be read: template:\d+/);
  });

  it('accepts the payload inline as the target model (as the wrappers pass it after fetching)', async () => {
    const targetModel = JSON.parse(examplePayload('5-stack-three-violations.noncompliant.json'));
    const response = await run(stackRequest({ targetModel }));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.annotations).toHaveLength(3);
  });

  it('names every failing resource and stays within 4,096 characters when hundreds fail', async () => {
    const many = Array.from({ length: 300 }, (_, i) => `\n  Queue${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      SqsManagedSseEnabled: false\n      Bogus${i}: x`).join('');
    const response = await run(stackRequest({ payload: url(stackPayload(stack(many))) }));
    expect(response.hookStatus).toBe('FAILED');
    expect(response.message?.length).toBeLessThanOrEqual(4096);
    expect(response.message).toMatch(/300 of 300 judged resources fail: Queue0 \(AWS::SQS::Queue\), Queue1 /);
    expect(response.message).toContain('Run rcfge validate');
    expect(response.annotations?.length).toBeLessThanOrEqual(100);
    expect(response.annotations?.at(-1)?.statusMessage).toMatch(/^\d+ more findings not listed here/);
  });
});

describe('CHANGE_SET target', () => {
  const changeSet = (payload: string) => stackRequest({ target: 'CHANGE_SET', payload: url(payload) });

  it('refuses a change set that deletes a resource whose template denies deletion', async () => {
    const response = await run(changeSet(examplePayload('6-change-set-drops-key.noncompliant.json')));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toMatch(/^Change set app-change of stack app-stack: 1 of 4 judged resources fails: DataKey \(AWS::KMS::Key\)\. AWS::KMS::Key DataKey may not be deleted/);
    expect(response.annotations).toHaveLength(1);
  });

  it('judges the values CloudFormation knows and leaves those known only after apply', async () => {
    const queue = (after: Record<string, unknown>) => changeSetPayload([{ action: 'CREATE', logicalId: 'Jobs', type: 'AWS::SQS::Queue', after, line: 3 }]);
    expect(await run(changeSet(queue({ KmsMasterKeyId: '{{changeSet:KNOWN_AFTER_APPLY}}' })))).toMatchObject({ hookStatus: 'SUCCESS' });
    const plain = await run(changeSet(queue({ SqsManagedSseEnabled: 'false' })));
    expect(plain).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(plain.message).toContain('Jobs AWS::SQS::Queue (line 3)');
    expect(plain.message).toContain('/SqsManagedSseEnabled');
  });

  it('refuses a change that replaces a protected resource', async () => {
    const hookModel = { TemplateBucket: 'rcfge-templates', TemplatePrefix: 'replace/' };
    const update = (after: string) =>
      stackRequest({ target: 'CHANGE_SET', hookModel, payload: url(changeSetPayload([{ action: 'UPDATE', logicalId: 'Archive', type: 'AWS::S3::Bucket', before: { BucketName: 'archive-v1' }, after: { BucketName: after } }])) });
    expect(await run(update('archive-v1'))).toMatchObject({ hookStatus: 'SUCCESS' });
    const replaced = await run(update('archive-v2'));
    expect(replaced).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(replaced.message).toContain('Archive (AWS::S3::Bucket, replaced)');
    expect((await run(update('{{changeSet:KNOWN_AFTER_APPLY}}'))).message).toContain('may change');
  });

  it('skips resources no resource hook sees and passes an empty change set', async () => {
    const response = await run(changeSet(changeSetPayload([{ action: 'CREATE', logicalId: 'Custom', type: 'Custom::Thing', after: { ServiceToken: 'x' } }])));
    expect(response).toMatchObject({ hookStatus: 'SUCCESS' });
    expect(response.message).toContain('1 not judged here');
    expect(await run(changeSet(JSON.stringify({ template: '', changedResources: [] })))).toMatchObject({ hookStatus: 'SUCCESS' });
  });
});

describe('payloads that cannot be used fail closed within the budget', () => {
  const tight = () => ({ ...env, RCFGE_PAYLOAD_CONNECT_TIMEOUT_MS: '300', RCFGE_PAYLOAD_RESPONSE_TIMEOUT_MS: '500', RCFGE_PAYLOAD_MAX_ATTEMPTS: '2', RCFGE_PAYLOAD_DEADLINE_MS: '3000' });

  it.each([
    ['404s', () => `${http.base}/missing.json?X-Amz-Signature=x`, 'InvalidRequest', /answered HTTP 404/],
    ['hangs', () => http.serve('/hang.json', { kind: 'hang' }), 'NetworkFailure', /did not answer within/],
    ['is not JSON', () => http.serve('/text.json', { kind: 'body', body: '<html>oops</html>' }), 'InvalidRequest', /payload is not JSON/],
    ['is 50 MB (declared)', () => http.serve('/big1.json', { kind: 'big', bytes: 50 * 1024 * 1024, declareLength: true }), 'InvalidRequest', /payload is 52428800 bytes; the limit is 10485760/],
    ['is 50 MB (streamed)', () => http.serve('/big2.json', { kind: 'big', bytes: 50 * 1024 * 1024, declareLength: false }), 'InvalidRequest', /larger than the limit of 10485760 bytes/],
    ['answers 500 every time', () => http.serve('/down.json', { kind: 'flaky', failures: 99, status: 500, body: '{}' }), 'ServiceInternalError', /HTTP 500 \(after up to 2 attempts/],
    ['uses plain HTTP to another host', () => 'http://example.com/payload.json', 'InvalidRequest', /must use https/],
    ['is not a URL', () => 'not a url', 'InvalidRequest', /not a URL/],
  ])('a payload URL that %s', async (_, payload, code, reason) => {
    const started = Date.now();
    const response = await run(stackRequest({ payload: payload() }), { env: tight(), deadlineMs: 5000 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: code });
    expect(response.message).toMatch(reason);
    expect(response.message).toMatch(/fails closed/);
    // The query of a presigned URL is a credential: never echoed.
    expect(response.message).not.toContain('X-Amz-Signature');
  });

  it('answers within the handler budget with the default limits when the payload hangs', async () => {
    const started = Date.now();
    const response = await run(stackRequest({ payload: http.serve('/hang2.json', { kind: 'hang' }) }), { deadlineMs: 2500 });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(response.hookStatus).toBe('FAILED');
    expect(['NetworkFailure', 'InternalFailure']).toContain(response.errorCode);
  });

  it('retries a 503 and judges the payload it then gets', async () => {
    const payload = http.serve('/flaky.json', { kind: 'flaky', failures: 1, status: 503, body: stackPayload(stack(LOGS)) });
    expect(await run(stackRequest({ payload }), { env: tight() })).toMatchObject({ hookStatus: 'SUCCESS' });
    expect(http.hits.get('/flaky.json')).toBe(2);
  });

  it('answers a Lambda Hook with InternalFailure, keeping the precise code in the message', async () => {
    const request = stackRequest({ payload: `${http.base}/gone.json`, hookModel: { LambdaFunction: 'arn:aws:lambda:eu-west-1:111122223333:function:rcfge' } });
    const response = await run(request, { env: { ...tight(), RCFGE_TEMPLATE_BUCKET: 'rcfge-templates', RCFGE_TEMPLATE_PREFIX: 'templates/' } });
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
    expect(response.message).toMatch(/^\[InvalidRequest\] /);
  });
});
