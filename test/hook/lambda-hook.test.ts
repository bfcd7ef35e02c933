import { join } from 'node:path';
import { envName, readTypeConfiguration } from '../../src/hook/config';
import { handleHookRequest } from '../../src/hook/handler';
import { HookRuntime } from '../../src/hook/runtime';
import { type LocalS3, startLocalS3, uploadTemplates } from '../../src/local/s3-server';
import { compliantBucket, hookRequest, ROOT } from '../support/requests';

describe('type configuration', () => {
  it('names environment variables in upper snake case with the RCFGE_ prefix', () => {
    expect(envName('TemplateBucketRegion')).toBe('RCFGE_TEMPLATE_BUCKET_REGION');
    expect(envName('CacheTtlSeconds')).toBe('RCFGE_CACHE_TTL_SECONDS');
  });

  it('applies defaults and coerces string-typed values', () => {
    expect(readTypeConfiguration({ TemplateBucket: 'b-1', CacheTtlSeconds: '5', TemplateParameters: '{"A": ["x"]}' }, {})).toEqual({
      templateBucket: 'b-1',
      templatePrefix: '',
      templateBucketRegion: undefined,
      templateBucketOwner: undefined,
      cacheTtlSeconds: 5,
      maxStaleSeconds: 300,
      missingTemplateAction: 'FAIL',
      templateParameters: { A: ['x'] },
      exemptStackNamePrefixes: [],
    });
  });

  it('accepts TemplateParameters as an object and lets hookModel win over the environment', () => {
    const config = readTypeConfiguration({ TemplateBucket: 'from-model', TemplateParameters: { A: 'b' } }, { RCFGE_TEMPLATE_BUCKET: 'from-env', RCFGE_TEMPLATE_PREFIX: 'p/' });
    expect(config).toMatchObject({ templateBucket: 'from-model', templatePrefix: 'p/', templateParameters: { A: 'b' } });
  });
});

describe('the same handler as an AWS-managed Lambda Hook', () => {
  let s3: LocalS3;
  const saved = { ...process.env };
  beforeAll(async () => {
    s3 = await startLocalS3(['lambda-templates']);
    await uploadTemplates(s3.client, 'lambda-templates', 'rcfge/', join(ROOT, 'templates'));
    // No credentials in the request: the SDK's default chain (here, the environment) applies.
    Object.assign(process.env, { AWS_ENDPOINT_URL_S3: s3.endpoint, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' });
  });
  afterAll(async () => {
    process.env = saved;
    await s3.close();
  });

  function lambdaRequest(properties: unknown, targetType = 'AWS::S3::Bucket') {
    const request = hookRequest({ properties, hookModel: { LambdaFunction: 'arn:aws:lambda:eu-west-1:111122223333:function:rcfge' } });
    const data = request.requestData as Record<string, unknown>;
    delete data.callerCredentials;
    data.targetType = targetType;
    return request;
  }

  it('reads its configuration from RCFGE_* variables and judges like the registered Hook', async () => {
    const env = { ...process.env, AWS_REGION: 'eu-west-1', RCFGE_TEMPLATE_BUCKET: 'lambda-templates', RCFGE_TEMPLATE_PREFIX: 'rcfge/', RCFGE_TEMPLATE_PARAMETERS: '{}' };
    const runtime = new HookRuntime(env);
    const ok = await handleHookRequest(lambdaRequest(compliantBucket()), runtime, { env, stdout: () => undefined });
    const bad = await handleHookRequest(lambdaRequest({ ...compliantBucket(), NewFeature: {} }, 'RESOURCE'), runtime, { env, stdout: () => undefined });
    expect(ok.hookStatus).toBe('SUCCESS');
    expect(bad).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
  });

  it('fails when the function has no RCFGE_TEMPLATE_BUCKET, with a code a Lambda Hook accepts', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_REGION: 'eu-west-1' };
    delete env.RCFGE_TEMPLATE_BUCKET;
    const response = await handleHookRequest(lambdaRequest(compliantBucket()), new HookRuntime(env), { env, stdout: () => undefined });
    // The Lambda Hooks guide allows only NonCompliant and InternalFailure; the message keeps the cause.
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
    expect(response.message).toMatch(/^\[InvalidTypeConfiguration\] /);
    expect(response.message).toContain('RCFGE_TEMPLATE_BUCKET');
  });
});
