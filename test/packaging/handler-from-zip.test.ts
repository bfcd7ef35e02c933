import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { buildPackages } from '../../src/packaging/build-packages';
import { type LocalS3, startLocalS3, uploadTemplates } from '../../src/local/s3-server';
import { entryData, readZip } from '../../src/packaging/zip-reader';

/**
 * The offline check of the packages: the handler is unpacked from each zip into an empty
 * temp directory (no node_modules anywhere above it), required by a separate Node process
 * and invoked with real HookInvocationRequests against a local S3-compatible server.
 * Only the CloudFormation service itself is missing: this process plays its part.
 */
const ROOT = join(__dirname, '..', '..');
const BUCKET = 'rcfge-templates';
const REQUESTS = join(ROOT, 'examples', 'requests');

/**
 * Loads the handler like Lambda does (require the file, call the export) and reports the
 * response and what was loaded after a marker line: the Hook writes its own log lines to stdout.
 * It exits explicitly, as Lambda freezes the process instead of waiting for idle sockets.
 */
const MARKER = '@@rcfge-outcome@@';
const CHILD = `
const [file, requestFile] = process.argv.slice(1);
const handler = require(file);
const event = JSON.parse(require('node:fs').readFileSync(requestFile, 'utf8'));
handler.entrypoint(event, { getRemainingTimeInMillis: () => 30000 }).then((response) => {
  const outcome = JSON.stringify({ response, loaded: Object.keys(require.cache) });
  process.stdout.write('\\n${MARKER}' + outcome + '\\n', () => process.exit(0));
});
`;

let work: string;
let s3: LocalS3;
let registryHandler: string;
let lambdaHandler: string;

function unpack(zip: Buffer, into: string): void {
  for (const entry of readZip(zip)) {
    mkdirSync(dirname(join(into, entry.name)), { recursive: true });
    writeFileSync(join(into, entry.name), entry.data);
  }
}

interface Outcome {
  readonly response: { hookStatus: string; errorCode?: string; message?: string; clientRequestToken?: string };
  readonly loaded: string[];
}

function invoke(handlerFile: string, request: unknown, env: Record<string, string>): Promise<Outcome> {
  const requestFile = join(work, `request-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(requestFile, JSON.stringify(request));
  const childEnv = {
    PATH: process.env.PATH ?? '',
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_REGION: 'eu-west-1',
    // Keep any developer AWS profile out of the way: the request's credentials (or the env below) apply.
    AWS_CONFIG_FILE: join(work, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(work, 'no-aws-credentials'),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...env,
  };
  // Asynchronous on purpose: the S3 server runs in this process and must keep answering.
  return new Promise((resolve, reject) => {
    const options = { cwd: dirname(handlerFile), env: childEnv, timeout: 30000 };
    execFile(process.execPath, ['-e', CHILD, handlerFile, requestFile], options, (error, stdout, stderr) => {
      const at = stdout.lastIndexOf(MARKER);
      if (error || at < 0) return reject(new Error(`handler process failed: ${stderr}${stdout}`, { cause: error }));
      try {
        resolve(JSON.parse(stdout.slice(at + MARKER.length)) as Outcome);
      } catch (cause) {
        reject(new Error(`unreadable handler outcome: ${stdout}`, { cause }));
      }
    });
  });
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
