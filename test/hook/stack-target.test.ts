/**
 * STACK and CHANGE_SET targets through the real handler: payloads served over real HTTP by
 * a local server (standing in for S3 presigned URLs) and by presigned URLs of the local S3
 * server, templates read from that S3 server through the real SDK. Delete protection and
 * payload faults: test/security/delete-protection.test.ts, payload-faults.test.ts.
 */
import { presignedPayload } from '../../src/local/s3-server';
import { KEY, LOGS, stack, type StackHarness, startStackHarness } from '../support/stack-harness';
import { EXAMPLE_PARAMS } from '../support/requests';
import { changeSetPayload, examplePayload, stackPayload, stackRequest } from '../support/stack-requests';

let h: StackHarness;
beforeAll(async () => {
  h = await startStackHarness();
});
afterAll(() => h.close());

describe('STACK target', () => {
  it('answers one FAILED naming all three violating resources, with one annotation per finding', async () => {
    const response = await h.run(stackRequest({ payload: h.url(examplePayload('5-stack-three-violations.noncompliant.json')) }));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', clientRequestToken: 'stack-token-1' });
    expect(response.message).toMatch(/^Stack app-stack \(creation\): 3 of 4 judged resources fail: AppLogs \(AWS::Logs::LogGroup\), JobQueue \(AWS::SQS::Queue\), Alerts \(AWS::SNS::Topic\)\./);
    expect(response.message).toContain('/RetentionInDays (line 8)');
    expect(response.message).toContain('/SqsManagedSseEnabled (line 13)');
    expect(response.message).toContain('/KmsMasterKeyId (line 16)');
    expect(response.message).not.toContain('AuditLogs');
    // How to fix, after every violation: each broken rule's remediation, once.
    expect(response.message).toMatch(/ is missing\. How to fix: \[RCFGE-LOGS-1\] [^[]+; \[RCFGE-SQS-1\] [^[]+; \[RCFGE-SNS-1\] [^[;]+\.$/);
    expect(response.annotations).toHaveLength(3);
    expect(response.annotations?.map((a) => [a.status, a.statusMessage?.split(': ')[0]])).toEqual([
      ['FAILED', 'AppLogs (AWS::Logs::LogGroup)'],
      ['FAILED', 'JobQueue (AWS::SQS::Queue)'],
      ['FAILED', 'Alerts (AWS::SNS::Topic)'],
    ]);
    expect(response.annotations?.map((a) => a.annotationName)).toEqual(['RCFGE-LOGS-1', 'RCFGE-SQS-1', 'RCFGE-SNS-1']);
    for (const a of response.annotations ?? []) {
      expect(a.statusMessage).toContain(`: [${a.annotationName}] `);
      expect(a.severityLevel).toBe('MEDIUM');
      expect(a.remediationMessage).toBeTruthy();
    }
  });

  it('gives the same verdict as an AWS-managed Lambda Hook (configuration from the environment)', async () => {
    const request = stackRequest({ payload: h.url(examplePayload('5-stack-three-violations.noncompliant.json')), hookModel: { LambdaFunction: 'arn:aws:lambda:eu-west-1:111122223333:function:RCFGE-ConfigHook' } });
    const env = { ...h.env, RCFGE_TEMPLATE_BUCKET: 'rcfge-templates', RCFGE_TEMPLATE_PREFIX: 'templates/', RCFGE_TEMPLATE_PARAMETERS: EXAMPLE_PARAMS };
    const response = await h.run(request, { env });
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toMatch(/3 of 4 judged resources fail: AppLogs \(AWS::Logs::LogGroup\), JobQueue \(AWS::SQS::Queue\), Alerts \(AWS::SNS::Topic\)\./);
    expect(response.annotations?.map((a) => a.annotationName)).toEqual(['RCFGE-LOGS-1', 'RCFGE-SQS-1', 'RCFGE-SNS-1']);
  });

  it('gives the same verdict from a presigned URL of the local S3 server', async () => {
    const presigned = await presignedPayload(h.s3.client, 'rcfge-templates', 'payloads/three.json', examplePayload('5-stack-three-violations.noncompliant.json'));
    expect(presigned).toMatch(/X-Amz-Signature=/);
    const response = await h.run(stackRequest({ payload: presigned }));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.annotations).toHaveLength(3);
  });

  it('answers SUCCESS when every resource complies', async () => {
    const response = await h.run(stackRequest({ payload: h.url(stackPayload(stack(KEY, LOGS))) }));
    expect(response).toMatchObject({ hookStatus: 'SUCCESS' });
    expect(response.message).toBe('Stack app-stack (creation): all 2 judged resources comply.');
    expect(response.annotations).toEqual([{ annotationName: 'RCFGE', status: 'PASSED', statusMessage: response.message }]);
  });

  it('does not judge values that come from parameters: the payload carries no parameter values', async () => {
    const template = `Parameters:\n  Days:\n    Type: Number\n    Default: 10\nResources:\n  AppLogs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: !Ref Days\n`;
    expect(await h.run(stackRequest({ payload: h.url(stackPayload(template)) }))).toMatchObject({ hookStatus: 'SUCCESS' });
  });

  it('leaves to provisioning a violation that holds only under some parameter-dependent condition', async () => {
    const template = `Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\nResources:\n  AppLogs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: !If [Prod, 365, 10]\n  Always:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: !If [Prod, 11, 10]\n`;
    const response = await h.run(stackRequest({ payload: h.url(stackPayload(template)) }));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toMatch(/1 of 1 judged resource fails: Always /);
  });

  // AWS's sample SQS/SQSStandardQueue.yaml: the dead-letter queue exists only when a parameter
  // (default "false") says so; with the default, no resource-level hook ever sees it.
  it('leaves to provisioning a resource whose own Condition depends on parameters', async () => {
    const template = `Parameters:\n  UseDlq:\n    Type: String\n    Default: 'false'\nConditions:\n  CreateDlq: !Equals [!Ref UseDlq, 'true']\nResources:\n  Dlq:\n    Type: AWS::SQS::Queue\n    Condition: CreateDlq\n    Properties:\n      MessageRetentionPeriod: 1209600\n${LOGS}`;
    const response = await h.run(stackRequest({ payload: h.url(stackPayload(template)) }));
    expect(response).toMatchObject({ hookStatus: 'SUCCESS' });
    expect(response.message).toMatch(/all 1 judged resource comply; 1 not judged here \(AWS::SQS::Queue Dlq: it exists only when condition CreateDlq is true, which depends on parameter values/);
    // A condition decided without parameters still counts: the queue is created, and fails.
    const always = template.replace("!Equals [!Ref UseDlq, 'true']", '!Equals [a, a]');
    const created = await h.run(stackRequest({ payload: h.url(stackPayload(always)) }));
    expect(created).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(created.message).toMatch(/1 of 2 judged resources fails: Dlq \(AWS::SQS::Queue\)/);
  });

  it('passes a stack deletion whose payload carries no template (each resource is judged by its delete handler)', async () => {
    const response = await h.run(stackRequest({ point: 'DELETE_PRE_PROVISION', payload: h.url(stackPayload('', '')) }));
    expect(response).toMatchObject({ hookStatus: 'SUCCESS', message: 'Stack app-stack (deletion): no resource to judge.' });
  });

  it('fails closed, with the line, on a template it cannot read', async () => {
    const response = await h.run(stackRequest({ payload: h.url(stackPayload('Resources:\n  A: [unclosed\n')) }));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidRequest' });
    expect(response.message).toMatch(/stack template in the payload cannot be read: template:\d+/);
  });

  it('accepts the payload inline as the target model (as the wrappers pass it after fetching)', async () => {
    const targetModel = JSON.parse(examplePayload('5-stack-three-violations.noncompliant.json'));
    const response = await h.run(stackRequest({ targetModel }));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.annotations).toHaveLength(3);
  });

  it('names every failing resource and stays within 4,096 characters when hundreds fail', async () => {
    const many = Array.from({ length: 300 }, (_, i) => `\n  Queue${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      SqsManagedSseEnabled: false\n      Bogus${i}: x`).join('');
    const response = await h.run(stackRequest({ payload: h.url(stackPayload(stack(many))) }));
    expect(response.hookStatus).toBe('FAILED');
    expect(response.message?.length).toBeLessThanOrEqual(4096);
    expect(response.message).toMatch(/300 of 300 judged resources fail: Queue0 \(AWS::SQS::Queue\), Queue1 /);
    expect(response.message).toMatch(/How to fix: \[RCFGE-SQS-1\] [^[]+; \[RCFGE-SQS-0\] [^[]+\. Run rcfge validate on the template for the full list\.$/);
    expect(response.annotations?.length).toBe(100);
    expect(response.annotations?.at(-1)?.statusMessage).toMatch(/^501 more findings not listed here/);
  });

  it('logs every failing resource as one JSON line CloudWatch Logs can parse, however many fail', async () => {
    const many = Array.from({ length: 120 }, (_, i) => `\n  Queue${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      SqsManagedSseEnabled: false\n${Array.from({ length: 25 }, (_, j) => `      Bogus${j}: x\n`).join('')}`).join('');
    const lines: string[] = [];
    await h.run(stackRequest({ payload: h.url(stackPayload(stack(many))) }), { stdout: (line) => lines.push(line) });
    const verdictLine = lines.map((line) => JSON.parse(line)).find((entry) => String(entry.message).startsWith('STACK CREATE'));
    expect(lines.every((line) => line.length <= 16 * 1024)).toBe(true);
    expect(verdictLine).toMatchObject({ message: 'STACK CREATE app-stack: FAIL (120 failing of 120)', failingCount: 120 });
    expect(verdictLine.failingIds).toEqual(Array.from({ length: 120 }, (_, i) => `Queue${i}`));
    expect(verdictLine.failing.length).toBeGreaterThan(0);
    expect(verdictLine.failing[0]).toMatchObject({ logicalId: 'Queue0', type: 'AWS::SQS::Queue', findings: expect.arrayContaining([expect.objectContaining({ rule: expect.any(String), path: '/SqsManagedSseEnabled' })]) });
  });

  it('puts the deletion of a protected resource before violations', async () => {
    const before = stack(KEY, LOGS);
    const after = stack(`\n  AuditLogs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 10`);
    const response = await h.run(stackRequest({ point: 'UPDATE_PRE_PROVISION', payload: h.url(stackPayload(after, before)) }));
    expect(response.message).toMatch(/2 of 2 judged resources fail: DataKey \(AWS::KMS::Key, removed\), AuditLogs \(AWS::Logs::LogGroup\)\./);
    expect(response.annotations?.map((a) => a.severityLevel)).toEqual(['HIGH', 'MEDIUM']);
  });
});

describe('CHANGE_SET target', () => {
  const changeSet = (payload: string) => stackRequest({ target: 'CHANGE_SET', payload: h.url(payload) });

  it('judges the values CloudFormation knows and leaves those known only after apply', async () => {
    const queue = (after: Record<string, unknown>) => changeSetPayload([{ action: 'CREATE', logicalId: 'Jobs', type: 'AWS::SQS::Queue', after, line: 3 }]);
    expect(await h.run(changeSet(queue({ KmsMasterKeyId: '{{changeSet:KNOWN_AFTER_APPLY}}' })))).toMatchObject({ hookStatus: 'SUCCESS' });
    expect(await h.run(changeSet(queue({ KmsMasterKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } })))).toMatchObject({ hookStatus: 'SUCCESS' });
    const plain = await h.run(changeSet(queue({ SqsManagedSseEnabled: 'false' })));
    expect(plain).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(plain.message).toMatch(/^Change set app-change of stack app-stack: 1 of 1 judged resource fails: Jobs \(AWS::SQS::Queue\)\. Jobs AWS::SQS::Queue \(line 3\)/);
    expect(plain.message).toContain('/SqsManagedSseEnabled');
  });

  it('judges every changed resource in one verdict', async () => {
    const response = await h.run(changeSet(examplePayload('6-change-set-drops-key.noncompliant.json').replace('"action": "DELETE"', '"action": "Remove"')));
    expect(response.message).toMatch(/1 of 4 judged resources fails: DataKey \(AWS::KMS::Key\)/);
  });

  it('skips resources no resource hook sees and passes an empty change set', async () => {
    const response = await h.run(changeSet(changeSetPayload([{ action: 'CREATE', logicalId: 'Custom', type: 'Custom::Thing', after: { ServiceToken: 'x' } }])));
    expect(response).toMatchObject({ hookStatus: 'SUCCESS' });
    expect(response.message).toContain('1 not judged here');
    expect(await h.run(changeSet(JSON.stringify({ template: '', changedResources: [] })))).toMatchObject({ hookStatus: 'SUCCESS' });
  });

  it('fails closed on a change set payload that has neither template nor changedResources', async () => {
    const response = await h.run(changeSet('{}'));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidRequest' });
    expect(response.message).toContain('the change set payload has neither "template" nor "changedResources"');
    // A template without changes is a change set that changes no resource.
    expect(await h.run(changeSet(JSON.stringify({ template: 'Resources: {}' })))).toMatchObject({ hookStatus: 'SUCCESS' });
  });

  it.each([
    ['an unknown action', { action: 'EXPLODE', logicalResourceId: 'A', resourceType: 'AWS::SQS::Queue', afterContext: '{}' }, /action "EXPLODE" is not CREATE, UPDATE or DELETE/],
    ['a context that is not JSON', { action: 'CREATE', logicalResourceId: 'A', resourceType: 'AWS::SQS::Queue', afterContext: '{oops' }, /afterContext is not JSON/],
    ['a CREATE without afterContext', { action: 'CREATE', logicalResourceId: 'A', resourceType: 'AWS::SQS::Queue' }, /has no afterContext/],
    ['a resource type that is no type name', { action: 'CREATE', logicalResourceId: 'A', resourceType: 'AWS::S3::../../x', afterContext: '{}' }, /resourceType "AWS::S3::..\/..\/x" is not a resource type name/],
  ])('fails closed on a change with %s', async (_, change, reason) => {
    const response = await h.run(changeSet(JSON.stringify({ template: '', changedResources: [change] })));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidRequest' });
    expect(response.message).toMatch(reason);
  });
});
