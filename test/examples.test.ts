import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultStackId, readStackTemplate, resolveResource } from '../src/cfn';
import { HOOK_TYPE_NAME, resolveContext } from '../src/cli/validate/check';
import { readValidateOptions } from '../src/cli/validate/options';
import { handleHookRequest } from '../src/hook/handler';
import { HookRuntime } from '../src/hook/runtime';
import { type LocalS3, LOCAL_S3_CREDENTIALS, localS3Client, startLocalS3, uploadTemplates } from '../src/local/s3-server';
import { type JsonReport, type JsonResource, ROOT, runCli } from './fixtures/validate/cli';
import { withDeployValues } from './fixtures/validate/deploy-values';

/**
 * Acceptance: every example stack gets the verdict its name promises from `rcfge validate`,
 * and each resource's verdict equals the real Hook handler's on the HookInvocationRequest
 * CloudFormation would send for it (properties as strings), with the same templates served
 * from an S3-compatible server. One engine, two entry points, same answers. The Control Tower
 * parity scenarios (test/fixtures/control-tower) are compared the same way.
 */
const STACKS = join(ROOT, 'examples', 'stacks');
const PARAMS_FILE = 'templates/parameters.example.json';
const BUCKET = 'rcfge-shared';
const PREFIX = `examples-${randomUUID()}/`;
const files = readdirSync(STACKS).filter((f) => f.endsWith('.yaml')).sort();

const saved = { ...process.env };
let own: LocalS3 | undefined;
let endpoint: string;
let runtime: HookRuntime;

beforeAll(async () => {
  endpoint = process.env.RCFGE_TEST_S3_ENDPOINT ?? '';
  if (!endpoint) {
    own = await startLocalS3([BUCKET]);
    endpoint = own.endpoint;
  }
  const client = localS3Client(endpoint);
  await uploadTemplates(client, BUCKET, PREFIX, join(ROOT, 'templates'));
  client.destroy();
  process.env.AWS_ENDPOINT_URL_S3 = endpoint; // the SDK reads it here, as in production
  runtime = new HookRuntime(hookEnv());
});

afterAll(async () => {
  process.env = saved;
  await own?.close();
});

function hookEnv(): NodeJS.ProcessEnv {
  // No AWS_REGION: the Hook takes the region from the stack ARN (us-east-1), as validate assumes.
  return { AWS_ENDPOINT_URL_S3: endpoint };
}

/** CloudFormation sends every primitive property value as a string ("true", "5"). */
function asCloudFormationSends(value: unknown): unknown {
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(asCloudFormationSends);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asCloudFormationSends(v)]));
  return value;
}

type ActionPoint = 'CREATE_PRE_PROVISION' | 'DELETE_PRE_PROVISION';

/** The Hook always knows its stack; validate judges these examples without one (no template uses it). */
function stackIdOf(options: { accountId: string; region: string; partition: string }): string {
  return defaultStackId({ ...options, stackName: 'examples' });
}

function hookRequest(stackId: string, params: unknown, typeName: string, logicalId: string, properties: unknown, action: ActionPoint = 'CREATE_PRE_PROVISION'): unknown {
  return {
    clientRequestToken: randomUUID(),
    awsAccountId: '123456789012',
    stackId,
    hookTypeName: HOOK_TYPE_NAME,
    hookTypeVersion: '00000001',
    hookModel: { TemplateBucket: BUCKET, TemplatePrefix: PREFIX, TemplateParameters: JSON.stringify(params) },
    actionInvocationPoint: action,
    requestData: {
      targetName: typeName,
      targetType: 'RESOURCE',
      targetLogicalId: logicalId,
      targetModel: { resourceProperties: asCloudFormationSends(properties ?? {}) },
      callerCredentials: JSON.stringify(LOCAL_S3_CREDENTIALS),
    },
    requestContext: { invocation: 1, callbackContext: null },
  };
}

describe.each(files)('examples/stacks/%s', (file) => {
  const path = `examples/stacks/${file}`;
  const expected = file.endsWith('-noncompliant.yaml') ? false : file.endsWith('-compliant.yaml') ? true : undefined;

  it('is named -compliant or -noncompliant', () => {
    expect(expected).toBeDefined();
  });

  it('gets the verdict its name promises from rcfge validate', async () => {
    // Act
    const run = await runCli(['validate', path, '--format', 'json', '--params-file', PARAMS_FILE]);
    // Assess
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.compliant).toBe(expected);
    expect(run.code).toBe(expected ? 0 : 1);
  });

  it('gets, per resource, the same verdict and finding paths from the Hook handler as from rcfge validate', async () => {
    await expectSameVerdicts(path);
  });

  it('gets, per resource, the same delete verdict from the Hook handler as from rcfge validate --operation delete', async () => {
    // Prepare
    const options = readValidateOptions({ 'params-file': PARAMS_FILE, operation: 'delete' }, [path], ROOT, {});
    const run = await runCli(['validate', path, '--format', 'json', '--params-file', PARAMS_FILE, '--operation', 'delete']);
    const report = JSON.parse(run.stdout) as JsonReport;
    const template = readStackTemplate(join(ROOT, path));
    const ctx = resolveContext(options);
    for (const verdict of report.resources.filter((r) => r.status !== 'SKIP')) {
      const resource = template.resources.find((r) => r.logicalId === verdict.logicalId);
      if (!resource) throw new Error(`no resource ${verdict.logicalId}`);
      const resolved = resolveResource(template, withDeployValues(template, resource, ctx), ctx);
      // Act
      const hook = await invokeHook(hookRequest(stackIdOf(options), options.params, resource.type, resource.logicalId, resolved.properties, 'DELETE_PRE_PROVISION'));
      // Assess
      expect({ logicalId: resource.logicalId, verdict: hook.verdict }).toEqual({ logicalId: resource.logicalId, verdict: verdict.status });
    }
    // The KMS template denies deletes: its stacks are not compliant for a delete, on both sides.
    if (file.startsWith('kms-key-')) {
      expect(run.code).toBe(1);
      expect(report.resources.filter((r) => r.type === 'AWS::KMS::Key').map((r) => r.kind)).toEqual(expect.arrayContaining(['delete-denied']));
    }
  });
});

/** Control Tower parity scenarios (test/templates/control-tower-parity runs them through cfn-guard and validate). */
const CONTROL_TOWER = join(ROOT, 'test', 'fixtures', 'control-tower');
const scenarios = readdirSync(CONTROL_TOWER).flatMap((control) => readdirSync(join(CONTROL_TOWER, control)).filter((f) => f.endsWith('.yaml')).map((f) => `${control}/${f}`)).sort();

describe.each(scenarios)('test/fixtures/control-tower/%s', (scenario) => {
  it('gets, per resource, the same verdict and finding paths from the Hook handler as from rcfge validate', async () => {
    await expectSameVerdicts(`test/fixtures/control-tower/${scenario}`);
  });
});

/** Each resource of the stack at `path` gets from the Hook handler the verdict and finding paths `rcfge validate` gives it. */
async function expectSameVerdicts(path: string): Promise<void> {
  // Prepare: the same context validate uses (account, region, stack) and its verdicts
  const options = readValidateOptions({ 'params-file': PARAMS_FILE }, [path], ROOT, {});
  const report = JSON.parse((await runCli(['validate', path, '--format', 'json', '--params-file', PARAMS_FILE])).stdout) as JsonReport;
  const template = readStackTemplate(join(ROOT, path));
  const ctx = resolveContext(options);
  const compared: string[] = [];
  for (const resource of template.resources) {
    const verdict = report.resources.find((r) => r.logicalId === resource.logicalId);
    if (!verdict || verdict.status === 'SKIP') continue; // never reaches the Hook
    // CloudFormation sends real values where validate saw !GetAtt/!Ref to a resource: substitute own-account ones.
    const resolved = resolveResource(template, withDeployValues(template, resource, ctx), ctx);
    if (resolved.unresolved.length > 0) continue; // e.g. !ImportValue: nothing plausible to send
    // Act
    const hook = await invokeHook(hookRequest(stackIdOf(options), options.params, resource.type, resource.logicalId, resolved.properties));
    // Assess
    expect({ logicalId: resource.logicalId, verdict: hook.verdict, message: hook.verdict === verdict.status ? '' : hook.message }).toEqual({ logicalId: resource.logicalId, verdict: verdict.status, message: '' });
    // A FAIL for another reason (bad request, configuration, S3) would be an accidental match.
    if (verdict.kind === 'noncompliant') expect(hook.errorCode).toBe('NonCompliant');
    // The same violations, not only the same verdict (the Hook logs its first 20 findings).
    if (verdict.findings.length <= 20 && verdict.unresolved.length === 0) expect({ logicalId: resource.logicalId, paths: hook.paths }).toEqual({ logicalId: resource.logicalId, paths: findingPaths(verdict) });
    compared.push(resource.logicalId);
  }
  expect(compared.length).toBeGreaterThan(0);
}

/** Sorted, distinct `path keyword` of a validate result. */
function findingPaths(result: JsonResource): string[] {
  return [...new Set(result.findings.map((f) => `${f.path} ${f.keyword}`))].sort();
}

/** Runs the real handler and reads its verdict, and the findings it logged, from what it writes. */
async function invokeHook(request: unknown): Promise<{ verdict: 'PASS' | 'FAIL'; message?: string; errorCode?: string; paths: string[] }> {
  const lines: string[] = [];
  const response = await handleHookRequest(request, runtime, { env: hookEnv(), stdout: (line) => lines.push(line) });
  const logged = lines.map((line) => JSON.parse(line) as { findings?: Array<{ path: string; keyword: string }> }).find((entry) => Array.isArray(entry.findings));
  const paths = [...new Set((logged?.findings ?? []).map((f) => `${f.path} ${f.keyword}`))].sort();
  return { verdict: response.hookStatus === 'SUCCESS' ? 'PASS' : 'FAIL', message: response.message, errorCode: response.errorCode, paths };
}
