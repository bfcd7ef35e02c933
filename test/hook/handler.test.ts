import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { join } from 'node:path';
import { handleHookRequest } from '../../src/hook/handler';
import { HookRuntime } from '../../src/hook/runtime';
import { type LocalS3, startLocalS3, uploadTemplates } from '../../src/local/s3-server';
import { entrypoint } from '../../src/handlers';
import { Clock } from '../support/clock';
import { startPayloadServer } from '../support/payload-server';
import { compliantBucket, exampleRequest, hookRequest, ROOT } from '../support/requests';
import { localExampleRequests } from '../support/stack-requests';

let s3: LocalS3;
let env: NodeJS.ProcessEnv;
const quiet = { stdout: () => undefined };

beforeAll(async () => {
  s3 = await startLocalS3(['rcfge-templates']);
  await uploadTemplates(s3.client, 'rcfge-templates', 'templates/', join(ROOT, 'templates'));
  process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
  env = { ...process.env, AWS_REGION: 'eu-west-1' };
});
afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL_S3;
  await s3.close();
});

const run = (request: unknown, runtime = new HookRuntime(env)) => handleHookRequest(request, runtime, { env, ...quiet });
const gets = (key: string) => s3.requests.filter((r) => r.method === 'GET' && r.url.includes(key));

describe('the reference architecture cases (examples/requests)', () => {
  it('answers SUCCESS for a bucket notifying a topic of its own account, echoing the token', async () => {
    const response = await run(exampleRequest('1-bucket-own-topic.compliant.json'));
    expect(response).toMatchObject({ hookStatus: 'SUCCESS', clientRequestToken: 'a1b2c3d4-0001-4000-8000-000000000001', callbackDelaySeconds: 0 });
    expect(response.errorCode).toBeUndefined();
  });

  it('answers FAILED NonCompliant naming the topic path for a topic of account 444455556666', async () => {
    const response = await run(exampleRequest('2-bucket-foreign-topic.noncompliant.json'));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toContain('/NotificationConfiguration/TopicConfigurations/0/Topic');
    expect(response.message).toContain('444455556666');
    expect(response.message).toMatch(/^AWS::S3::Bucket ForeignTopicBucket is not compliant with template s3:\/\/rcfge-templates\/templates\/aws-s3-bucket\.json/);
  });

  it('answers FAILED saying NewFeature is not approved', async () => {
    const response = await run(exampleRequest('3-bucket-new-feature.noncompliant.json'));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toContain('[RCFGE-S3-0] Only approved S3 bucket properties: /NewFeature property "NewFeature" is not approved by template aws-s3-bucket.json');
  });

  it('gives every example request the verdict its file name promises, through the Lambda entrypoint too', async () => {
    const printed = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const http = await startPayloadServer();
      for (const { file, request } of localExampleRequests(http)) {
        const response = await entrypoint(request, { getRemainingTimeInMillis: () => 30_000 });
        expect([file, response.hookStatus]).toEqual([file, file.endsWith('.noncompliant.json') ? 'FAILED' : 'SUCCESS']);
      }
      await http.close();
      // Without a provider log group the Hook's log lines go to stdout.
      expect(printed).toHaveBeenCalled();
    } finally {
      printed.mockRestore();
    }
  });
});

describe('failing closed', () => {
  it('fails a type without template, saying where it looked', async () => {
    const response = await run(hookRequest({ typeName: 'AWS::EC2::Instance', logicalId: 'Box', properties: { ImageId: 'ami-1' } }));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toContain('AWS::EC2::Instance is not approved');
    expect(response.message).toContain('s3://rcfge-templates/templates/aws-ec2-instance.json');
  });

  it('allows it with MissingTemplateAction ALLOW', async () => {
    const response = await run(hookRequest({ typeName: 'AWS::EC2::Instance', hookModel: { TemplateBucket: 'rcfge-templates', TemplatePrefix: 'templates/', MissingTemplateAction: 'ALLOW' } }));
    expect(response.hookStatus).toBe('SUCCESS');
  });

  it('fails with NetworkFailure when S3 is unreachable, in time', async () => {
    const closedPortEnv = { ...env, AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9' };
    process.env.AWS_ENDPOINT_URL_S3 = 'http://127.0.0.1:9';
    try {
      const started = Date.now();
      const response = await handleHookRequest(hookRequest({ properties: compliantBucket() }), new HookRuntime(closedPortEnv), { env: closedPortEnv, ...quiet });
      expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NetworkFailure' });
      expect(response.message).toMatch(/cannot reach S3 \(ECONNREFUSED\)/);
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
    }
  });

  it.each([
    ['not JSON', '{ nope', /not valid JSON/],
    ['not a valid schema', JSON.stringify({ typeName: 'AWS::SQS::Queue', type: 'object', additionalProperties: 'no' }), /additionalProperties/],
    ['an unknown placeholder', JSON.stringify({ typeName: 'AWS::SQS::Queue', properties: { QueueName: { const: '$<acountID>' } } }), /unknown placeholder \$<acountID>/],
  ])('fails with a template error when the template is %s', async (_, body, reason) => {
    await s3.client.send(new PutObjectCommand({ Bucket: 'rcfge-templates', Key: 'broken/aws-sqs-queue.json', Body: body }));
    const response = await run(hookRequest({ typeName: 'AWS::SQS::Queue', hookModel: { TemplateBucket: 'rcfge-templates', TemplatePrefix: 'broken/' } }));
    await s3.client.send(new DeleteObjectCommand({ Bucket: 'rcfge-templates', Key: 'broken/aws-sqs-queue.json' }));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
    expect(response.message).toMatch(reason);
    expect(response.message).toContain('s3://rcfge-templates/broken/aws-sqs-queue.json');
  });

  it.each([
    ['not an object', 'hello', /not a JSON object/],
    ['without requestData', { ...hookRequest(), requestData: undefined }, /requestData is missing/],
    ['with a bad invocation point', hookRequest({ point: 'CREATE_POST_PROVISION' }), /actionInvocationPoint/],
    ['with a bad account', hookRequest({ account: '12' }), /awsAccountId/],
    ['with credentials that are not JSON', hookRequest({ credentials: '{oops' }), /callerCredentials is not valid JSON/],
    ['with properties that are a list', hookRequest({ properties: [1, 2] }), /resourceProperties is not an object/],
  ])('answers InvalidRequest for a request %s', async (_, request, reason) => {
    const response = await run(request);
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidRequest' });
    expect(response.message).toMatch(reason);
  });

  it('answers InvalidRequest for a stack-level invocation without a payload', async () => {
    const request = hookRequest();
    (request.requestData as Record<string, unknown>).targetType = 'STACK';
    (request.requestData as Record<string, unknown>).targetModel = null;
    const response = await run(request);
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidRequest' });
    expect(response.message).toMatch(/a STACK request needs requestData.payload/);
  });

  it.each([
    [{}, /TemplateBucket is required/],
    [{ TemplateBucket: 'rcfge-templates', CacheTtlSeconds: 'soon' }, /CacheTtlSeconds must be a whole number/],
    [{ TemplateBucket: 'rcfge-templates', MissingTemplateAction: 'MAYBE' }, /MissingTemplateAction must be FAIL or ALLOW/],
    [{ TemplateBucket: 'rcfge-templates', TemplateParameters: '{"a": 1}' }, /TemplateParameters value of a must be a string or an array of strings/],
    [{ TemplateBucket: 'rcfge-templates', TemplateBucketOwner: 'me' }, /TemplateBucketOwner must be a 12-digit account ID/],
    [{ TemplateBucket: 'rcfge-templates', Typo: 'x' }, /Typo is not a known property/],
  ])('answers InvalidTypeConfiguration naming the property for %j', async (hookModel, reason) => {
    const response = await run(hookRequest({ hookModel }));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidTypeConfiguration' });
    expect(response.message).toMatch(reason);
  });
});

describe('the Hook\'s own deployment (ExemptStackNamePrefixes)', () => {
  const hookModel = { TemplateBucket: 'rcfge-templates', TemplatePrefix: 'templates/', ExemptStackNamePrefixes: 'StackSet-RCFGE-Hook-, Other-' };
  const inStack = (stackName: string) => {
    const request = hookRequest({ typeName: 'AWS::CloudFormation::HookVersion', logicalId: 'HookVersion', hookModel, properties: { TypeName: 'RCFGE::Config::Hook' } });
    request.stackId = `arn:aws:cloudformation:eu-west-1:111122223333:stack/${stackName}/11111111-2222-3333-4444-555555555555`;
    return request;
  };

  it('does not judge resources of a stack whose name starts with an exempt prefix', async () => {
    const response = await run(inStack('StackSet-RCFGE-Hook-0f9c3c1e-7e0b-11ef-9a51-0a1b2c3d4e5f'));
    expect(response.hookStatus).toBe('SUCCESS');
    expect(response.message).toContain('is exempt (ExemptStackNamePrefixes "StackSet-RCFGE-Hook-")');
  });

  it('judges every other stack, including one that merely contains the prefix', async () => {
    for (const name of ['my-stack', 'X-StackSet-RCFGE-Hook-1']) {
      expect((await run(inStack(name))).hookStatus).toBe('FAILED');
    }
  });

  it('refuses a prefix no stack name can start with', async () => {
    const request = hookRequest({ hookModel: { ...hookModel, ExemptStackNamePrefixes: '*' } });
    expect(await run(request)).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidTypeConfiguration' });
  });
});

describe('values as CloudFormation sends them', () => {
  it('accepts "true" strings and real booleans alike, and refuses "false" where true is required', async () => {
    const typed = compliantBucket();
    typed.PublicAccessBlockConfiguration = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };
    expect((await run(hookRequest({ properties: typed }))).hookStatus).toBe('SUCCESS');
    expect((await run(hookRequest({ properties: compliantBucket() }))).hookStatus).toBe('SUCCESS');
    const off = compliantBucket();
    (off.PublicAccessBlockConfiguration as Record<string, unknown>).BlockPublicAcls = 'false';
    const response = await run(hookRequest({ properties: off }));
    expect(response.message).toContain('/PublicAccessBlockConfiguration/BlockPublicAcls');
  });

  it('coerces "5" for integer schemas (log group retention)', async () => {
    const ok = await run(hookRequest({ typeName: 'AWS::Logs::LogGroup', properties: { RetentionInDays: '365' } }));
    const bad = await run(hookRequest({ typeName: 'AWS::Logs::LogGroup', properties: { RetentionInDays: 'forever' } }));
    expect(ok.hookStatus).toBe('SUCCESS');
    expect(bad.hookStatus).toBe('FAILED');
  });
});

describe('S3 traffic of a warm runtime (counted on the server)', () => {
  it('makes one GET per type within the TTL and conditional GETs after it', async () => {
    const hookModel = { TemplateBucket: 'rcfge-templates', TemplatePrefix: 'templates/', CacheTtlSeconds: '1', TemplateParameters: JSON.stringify({ OrgId: 'o-abcdefghij', PermissionsBoundaryArn: 'arn:aws:iam::111122223333:policy/b', TrustedAccounts: ['111122223333'], AllowedServicePrincipals: ['lambda.amazonaws.com'] }) };
    const requests = [
      (i: number) => hookRequest({ hookModel, logicalId: `Bucket${i}`, properties: compliantBucket() }),
      (i: number) => hookRequest({ hookModel, typeName: 'AWS::Logs::LogGroup', logicalId: `Logs${i}`, properties: { RetentionInDays: '30' } }),
      (i: number) => hookRequest({ hookModel, typeName: 'AWS::DynamoDB::Table', logicalId: `Table${i}`, properties: {} }),
    ];
    // The caches' clock stands still during the 500 calls (a loaded runner took over a second for them).
    const clock = new Clock();
    const runtime = new HookRuntime(env, { now: clock.now });
    const before = s3.requests.length;
    for (let i = 0; i < 500; i++) await run(requests[i % 3](i), runtime);
    const served = s3.requests.slice(before).filter((r) => r.method === 'GET');
    expect(served).toHaveLength(3);
    expect(served.every((r) => !r.conditional)).toBe(true);
    clock.advance(1100);
    const afterTtl = s3.requests.length;
    for (let i = 0; i < 30; i++) await run(requests[i % 3](i), runtime);
    const revalidations = s3.requests.slice(afterTtl).filter((r) => r.method === 'GET');
    expect(revalidations).toHaveLength(3);
    expect(revalidations.every((r) => r.conditional)).toBe(true);
    expect(gets('aws-logs-loggroup.json').length).toBeGreaterThanOrEqual(2);
  });
});
