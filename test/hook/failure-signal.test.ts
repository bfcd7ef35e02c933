/**
 * The alarm's input: every FAILED that is not a judgement of the resource logs one line with
 * RCFGE_HOOK_FAILURE and its error code, through the real handler, the real S3 client and a
 * real S3-compatible server (faults injected by the proxy). The member stack's metric filter
 * pattern (stacksets/rcfge-member.yaml) is then applied to the lines, with the matching rules
 * the CloudWatch Logs filter pattern syntax documents for unstructured log events (terms
 * matched as case-sensitive substrings; `?term` = any of them).
 */
import { FAILURE_MARKER } from '../../src/hook/failure-signal';
import { useProxiedTemplateServer } from '../support/fault-proxy';
import { captureLog, exampleRequest, hookEnv, hookRequest, HookRuntime, invoke, startTemplateServer, TIGHT_TIMEOUTS } from '../support/hook-fixtures';
import { properties, renderMember } from '../stacksets/support/org';

const servers = useProxiedTemplateServer(() => startTemplateServer());

/** A CloudWatch Logs filter pattern for unstructured events: quoted or bare terms, `?` for OR, `-` to exclude. */
function matchesFilterPattern(pattern: string, event: string): boolean {
  const terms = [...pattern.matchAll(/([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g)].map((m) => ({ op: m[1], text: (m[2] ?? m[3]).replace(/\\(.)/g, '$1') }));
  if (terms.some((t) => t.op === '-' && event.includes(t.text))) return false;
  const optional = terms.filter((t) => t.op === '?');
  const required = terms.filter((t) => t.op === '');
  return required.every((t) => event.includes(t.text)) && (optional.length === 0 || optional.some((t) => event.includes(t.text)));
}

const FILTER = String(properties(renderMember(), 'HookFailureMetricFilter').FilterPattern);

async function run(options: { fault?: Parameters<typeof servers.proxy.setFault>[0]; request?: unknown } = {}) {
  if (options.fault) servers.proxy.setFault(options.fault);
  const env = hookEnv(servers.proxy.endpoint, TIGHT_TIMEOUTS);
  const log = captureLog();
  const response = await invoke(options.request ?? hookRequest(), new HookRuntime(env), env, log);
  return { response, counted: log.lines.filter((line) => matchesFilterPattern(FILTER, line)), log: log.lines };
}

describe('counted by the metric filter: failures stack authors cannot fix', () => {
  test.each([
    ['S3 throttling (503 SlowDown)', { kind: 'status', status: 503, code: 'SlowDown' } as const, 'Throttling'],
    ['S3 down (500)', { kind: 'status', status: 500, code: 'InternalError' } as const, 'ServiceInternalError'],
    ['S3 unreachable', { kind: 'refuse' } as const, 'NetworkFailure'],
    ['the bucket policy refuses the read (403 although the role may list)', { kind: 'status', status: 403, code: 'AccessDenied', message: 'Access Denied' } as const, 'AccessDenied'],
    ['a template that is not JSON', { kind: 'not-json' } as const, 'InternalFailure'],
    ['credentials S3 refuses (403 ExpiredToken)', { kind: 'status', status: 403, code: 'ExpiredToken', message: 'The provided token has expired.' } as const, 'InvalidCredentials'],
  ])('%s: one counted line naming the error code', async (_name, fault, code) => {
    const { response, counted } = await run({ fault });

    expect(response.hookStatus).toBe('FAILED');
    expect(counted).toHaveLength(1);
    expect(JSON.parse(counted[0])).toMatchObject({ level: 'WARN', message: `${FAILURE_MARKER} ${code}`, errorCode: code });
  });

  test('a type configuration without TemplateBucket: InvalidTypeConfiguration', async () => {
    const request = hookRequest() as unknown as { hookModel: Record<string, unknown> };
    delete request.hookModel.TemplateBucket;

    const { response, counted } = await run({ request });

    expect(response.errorCode).toBe('InvalidTypeConfiguration');
    expect(counted.map((line) => JSON.parse(line).errorCode)).toEqual(['InvalidTypeConfiguration']);
  });

  test('a Lambda Hook answers InternalFailure (its only other code), the counted line keeps the precise cause', async () => {
    const { callerCredentials: _c, ...requestData } = (hookRequest() as unknown as { requestData: Record<string, unknown> }).requestData;
    const request = { ...exampleRequest(), hookModel: { LambdaFunction: 'arn:aws:lambda:eu-west-1:111122223333:function:RCFGE-ConfigHook' }, requestData };
    servers.proxy.setFault({ kind: 'status', status: 503, code: 'SlowDown' });
    const env = hookEnv(servers.proxy.endpoint, { ...TIGHT_TIMEOUTS, RCFGE_TEMPLATE_BUCKET: 'rcfge-security', RCFGE_TEMPLATE_PREFIX: 'templates/', AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' });
    // The function's own role, as the SDK's default chain finds it in Lambda.
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' });
    const log = captureLog();

    const response = await invoke(request, new HookRuntime(env), env, log).finally(() => {
      process.env = saved;
    });

    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
    expect(log.lines.filter((line) => matchesFilterPattern(FILTER, line)).map((line) => JSON.parse(line).errorCode)).toEqual(['Throttling']);
  });
});

describe('not counted: verdicts on the resource', () => {
  test('a compliant resource', async () => {
    const { response, counted, log } = await run();

    expect(response.hookStatus).toBe('SUCCESS');
    expect(log.length).toBeGreaterThan(0);
    expect(counted).toEqual([]);
  });

  test('a property nobody approved (NonCompliant)', async () => {
    const { response, counted } = await run({ request: hookRequest({ properties: { NewFeature: 'on' } }) });

    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(counted).toEqual([]);
  });

  test('a type without a template (404 NoSuchKey: "type not approved")', async () => {
    const { response, counted } = await run({ request: hookRequest({ typeName: 'AWS::Pipes::Pipe', properties: {} }) });

    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(counted).toEqual([]);
  });
});

describe('the filter pattern itself', () => {
  test('also counts what the Lambda runtime reports for a timed-out or crashed function', () => {
    expect(matchesFilterPattern(FILTER, '2026-11-30T12:00:00.000Z 1b2c Task timed out after 25.00 seconds')).toBe(true);
    expect(matchesFilterPattern(FILTER, '{"errorType":"Runtime.ImportModuleError","errorMessage":"Cannot find module"}')).toBe(true);
    expect(matchesFilterPattern(FILTER, '{"level":"INFO","message":"CREATE AWS::S3::Bucket B: PASS (compliant)"}')).toBe(false);
  });
});
