/**
 * Request shapes CloudFormation and Cloud Control send for resource targets (issue 9 item 4,
 * issue 12 items 3 and 4), through the real handler and the local S3 server.
 */
import type { HookProgressEvent } from '../../src/hook/types';
import { compliantBucket, hookRequest } from '../support/requests';
import { type StackHarness, startStackHarness } from '../support/stack-harness';

let h: StackHarness;
beforeAll(async () => {
  h = await startStackHarness();
});
afterAll(() => h.close());

const run = (request: unknown): Promise<HookProgressEvent> => h.run(request);

/** A Cloud Control API request: no stack, no change set, properties inline (Hooks guide). */
function cloudControl(properties: unknown, hookModel?: Record<string, unknown>): Record<string, unknown> {
  const request = hookRequest({ properties, logicalId: 'my-bucket', ...(hookModel ? { hookModel } : {}) });
  return { ...request, stackId: '', changeSetId: '' };
}

/** Properties with `n` unapproved keys: many findings, a long message. */
function withUnapproved(n: number): Record<string, unknown> {
  const properties = compliantBucket();
  for (let i = 0; i < n; i++) properties[`UnapprovedFeatureNumber${i}WithALongName`] = 'x'.repeat(80);
  return properties;
}

describe('Cloud Control API requests', () => {
  it('judges a request with an empty stackId', async () => {
    expect(await run(cloudControl(compliantBucket()))).toMatchObject({ hookStatus: 'SUCCESS' });
    const response = await run(cloudControl({ ...compliantBucket(), NewFeature: 'on' }));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toContain('/NewFeature');
  });

  it('keeps the message within 1,024 characters, resource and first violations first', async () => {
    const response = await run(cloudControl(withUnapproved(30)));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message?.length).toBeLessThanOrEqual(1024);
    expect(response.message).toMatch(/^AWS::S3::Bucket my-bucket is not compliant with template s3:\/\/rcfge-templates\/templates\/aws-s3-bucket\.json \(30 violations\): \[RCFGE-S3-0\] Only approved S3 bucket properties: \/UnapprovedFeatureNumber0WithALongName/);
    expect(response.message).toMatch(/and \d+ more \(run rcfge validate for the full list\)\./);
    expect(response.annotations).toHaveLength(30);
    // The same properties in a stack get the console's 4,096 characters.
    const inStack = await run(hookRequest({ properties: withUnapproved(30) }));
    expect(inStack.message?.length).toBeGreaterThan(1024);
  });

  it('keeps error messages within 1,024 characters too', async () => {
    const typo = `Typo${'x'.repeat(2000)}`;
    const response = await run(cloudControl(compliantBucket(), { TemplateBucket: 'rcfge-templates', [typo]: 'on' }));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidTypeConfiguration' });
    expect(response.message).toMatch(/^Invalid RCFGE type configuration property Typoxxx/);
    expect(response.message?.length).toBeLessThanOrEqual(1024);
    // The same mistake in a stack operation keeps the console's 4,096 characters.
    expect((await run(hookRequest({ hookModel: { TemplateBucket: 'rcfge-templates', [typo]: 'on' } }))).message?.length).toBeGreaterThan(1024);
  });

  it('applies no stack-name exemption (there is no stack)', async () => {
    const hookModel = { TemplateBucket: 'rcfge-templates', TemplatePrefix: 'templates/', ExemptStackNamePrefixes: 'StackSet-RCFGE-Hook-' };
    expect(await run(cloudControl({ NewFeature: 'on' }, hookModel))).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
  });
});

describe('resource requests and their payload field', () => {
  it('judges a resource request whose payload is null (no stack-level target)', async () => {
    const request = hookRequest({ properties: { ...compliantBucket(), NewFeature: 'on' } });
    (request.requestData as Record<string, unknown>).payload = null;
    const response = await run(request);
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toContain('/NewFeature');
  });

  it('ignores a payload URL when the target model is inline (as the official wrappers do)', async () => {
    const request = hookRequest({ properties: compliantBucket() });
    (request.requestData as Record<string, unknown>).payload = `${h.http.base}/not-there.json`;
    expect(await run(request)).toMatchObject({ hookStatus: 'SUCCESS' });
  });

  it('fetches the resource model from the payload URL when the target model is empty', async () => {
    const request = hookRequest();
    const data = request.requestData as Record<string, unknown>;
    data.targetModel = null;
    data.payload = h.http.serve('/resource.json', { kind: 'body', body: JSON.stringify({ resourceProperties: { ...compliantBucket(), NewFeature: 'on' } }) });
    const response = await run(request);
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toContain('/NewFeature');
  });

  it('refuses a payload that is not a string', async () => {
    const request = hookRequest();
    (request.requestData as Record<string, unknown>).payload = 42;
    expect(await run(request)).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidRequest' });
  });
});

describe('annotations on resource verdicts', () => {
  it('gives one FAILED annotation per finding, named by its rule, with the remediation', async () => {
    const response = await run(hookRequest({ properties: { ...compliantBucket(), NewFeature: 'on', OtherFeature: 'on' } }));
    expect(response.annotations).toHaveLength(2);
    for (const a of response.annotations ?? []) {
      expect(a).toMatchObject({ status: 'FAILED', severityLevel: 'MEDIUM' });
      // Named by the finding's rule: the bucket template's root rule files unapproved properties.
      expect(a.annotationName).toBe('RCFGE-S3-0');
      expect(a.statusMessage).toMatch(/^MyResource \(AWS::S3::Bucket\): \[RCFGE-S3-0\] Only approved S3 bucket properties: \/(NewFeature|OtherFeature) /);
      expect(a.remediationMessage).toContain('PublicAccessBlockConfiguration');
    }
  });

  it('gives one PASSED annotation to a compliant resource and one FAILED annotation to a request error', async () => {
    expect((await run(hookRequest({ properties: compliantBucket() }))).annotations).toEqual([expect.objectContaining({ annotationName: 'RCFGE', status: 'PASSED' })]);
    expect((await run({ clientRequestToken: 't' })).annotations).toEqual([expect.objectContaining({ annotationName: 'RCFGE', status: 'FAILED' })]);
  });
});
