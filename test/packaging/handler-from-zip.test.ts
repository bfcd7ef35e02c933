import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { buildPackages } from '../../src/packaging/build-packages';
import { type LocalS3, startLocalS3, uploadTemplates } from '../../src/local/s3-server';
import { entryData, readZip } from '../../src/packaging/zip-reader';
import { invokeUnpacked, unpack } from './unpacked-function';

/**
 * The offline check of the packages: the handler is unpacked from each zip into an empty
 * temp directory (no node_modules anywhere above it), required by a separate Node process
 * and invoked with real HookInvocationRequests against a local S3-compatible server.
 * Only the CloudFormation service itself is missing: this process plays its part.
 */
const ROOT = join(__dirname, '..', '..');
const BUCKET = 'rcfge-templates';
const REQUESTS = join(ROOT, 'examples', 'requests');

let work: string;
let s3: LocalS3;
let registryHandler: string;
let lambdaHandler: string;

interface HookResponse {
  hookStatus: string;
  errorCode?: string;
  message?: string;
  clientRequestToken?: string;
}

async function invoke(handlerFile: string, request: unknown, env: Record<string, string>): Promise<{ response: HookResponse; loaded: string[] }> {
  const outcome = await invokeUnpacked<HookResponse>(handlerFile, 'entrypoint', request, { work, env: { AWS_ENDPOINT_URL_S3: s3.endpoint, AWS_REGION: 'eu-west-1', ...env } });
  if (outcome.error !== undefined || outcome.result === undefined) throw new Error(`the handler threw: ${outcome.error}`);
  return { response: outcome.result, loaded: outcome.loaded };
}

const request = (file: string) => JSON.parse(readFileSync(join(REQUESTS, file), 'utf8'));

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'rcfge-handler-zip-'));
  const result = await buildPackages({ root: ROOT, outDir: join(work, 'build') });
  unpack(entryData(readZip(readFileSync(result.registryPackage.path)), 'ResourceProvider.zip'), join(work, 'registry'));
  unpack(readFileSync(result.lambdaPackage.path), join(work, 'lambda'));
  registryHandler = join(work, 'registry', result.handlerFile);
  lambdaHandler = join(work, 'lambda', result.handlerFile);
  s3 = await startLocalS3([BUCKET]);
  await uploadTemplates(s3.client, BUCKET, 'templates/', join(ROOT, 'templates'));
}, 120000);

afterAll(async () => {
  await s3?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('handler from the registry package (ResourceProvider.zip)', () => {
  test('answers SUCCESS for a compliant bucket, loading nothing but the bundle', async () => {
    // Prepare
    const compliant = request('1-bucket-own-topic.compliant.json');
    // Act
    const { response, loaded } = await invoke(registryHandler, compliant, {});
    // Assess
    expect(response.hookStatus).toBe('SUCCESS');
    expect(response.errorCode).toBeUndefined();
    expect(response.clientRequestToken).toBe(compliant.clientRequestToken);
    expect(loaded).toContain(registryHandler);
    expect(loaded.every((file) => file.startsWith(dirname(registryHandler)))).toBe(true);
    const gets = s3.requests.filter((r) => r.method === 'GET' && r.url.includes('templates/aws-s3-bucket.json'));
    expect(gets.length).toBeGreaterThan(0);
  });

  test('answers FAILED NonCompliant for a property nobody approved', async () => {
    const { response } = await invoke(registryHandler, request('3-bucket-new-feature.noncompliant.json'), {});
    expect(response.hookStatus).toBe('FAILED');
    expect(response.errorCode).toBe('NonCompliant');
    expect(response.message).toContain('NewFeature');
  });
});

describe('lazily loaded chunk (RE2) from the zip', () => {
  /** The bucket template with a pattern that may backtrack: the engine runs it on RE2, from dist/re2.js. */
  beforeAll(async () => {
    const template = JSON.parse(readFileSync(join(ROOT, 'templates', 'aws-s3-bucket.json'), 'utf8'));
    template.properties.BucketName.pattern = '^([a-z0-9]+-?)+$';
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'nested/aws-s3-bucket.json', Body: JSON.stringify(template) }));
  });

  function withName(bucketName: string): unknown {
    const event = request('1-bucket-own-topic.compliant.json');
    event.hookModel.TemplatePrefix = 'nested/';
    event.requestData.targetModel.resourceProperties.BucketName = bucketName;
    return event;
  }

  test('loads and enforces a pattern on RE2', async () => {
    const { response, loaded } = await invoke(registryHandler, withName('my-approved-bucket'), {});
    expect(response.hookStatus).toBe('SUCCESS');
    expect(loaded).toContain(join(dirname(registryHandler), 're2.js'));
    const refused = await invoke(registryHandler, withName('my--bucket'), {});
    expect(refused.response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(refused.response.message).toContain('BucketName');
  });
});

describe('handler from rcfge-lambda.zip as an AWS-managed Lambda Hook', () => {
  /** A Lambda Hook request: hookModel names only the function, no credentials; configuration from the environment. */
  function lambdaHookRequest(file: string): { event: unknown; env: Record<string, string> } {
    const original = request(file);
    const { callerCredentials: _c, providerCredentials: _p, providerLogGroupName: _l, ...requestData } = original.requestData;
    const event = { ...original, hookModel: { LambdaFunction: 'arn:aws:lambda:eu-west-1:111122223333:function:rcfge-hook' }, requestData };
    const env = {
      RCFGE_TEMPLATE_BUCKET: original.hookModel.TemplateBucket,
      RCFGE_TEMPLATE_PREFIX: original.hookModel.TemplatePrefix,
      RCFGE_TEMPLATE_PARAMETERS: original.hookModel.TemplateParameters,
      // The function's execution role, as the SDK's default provider chain finds it in Lambda.
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    };
    return { event, env };
  }

  test('answers SUCCESS for a compliant bucket', async () => {
    const { event, env } = lambdaHookRequest('1-bucket-own-topic.compliant.json');
    const { response } = await invoke(lambdaHandler, event, env);
    expect(response).toMatchObject({ hookStatus: 'SUCCESS' });
  });

  test('answers FAILED NonCompliant for a property nobody approved', async () => {
    const { event, env } = lambdaHookRequest('3-bucket-new-feature.noncompliant.json');
    const { response } = await invoke(lambdaHandler, event, env);
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
  });

  test('fails closed without its configuration', async () => {
    const { event } = lambdaHookRequest('1-bucket-own-topic.compliant.json');
    const { response } = await invoke(lambdaHandler, event, { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' });
    expect(response.hookStatus).toBe('FAILED');
    expect(response.message).toMatch(/TemplateBucket/);
  });
});
