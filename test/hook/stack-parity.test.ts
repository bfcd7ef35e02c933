/**
 * Both faces, one verdict: every example stack judged by `rcfge validate` and by the real
 * handler's STACK target (template served over HTTP as a payload, templates from the local
 * S3 server). Without parameters they agree resource by resource and path by path; with
 * parameters the Hook sees no values (the payload carries none), so it may judge less than
 * validate does with the Defaults, never more.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { handleHookRequest } from '../../src/hook/handler';
import { HookRuntime } from '../../src/hook/runtime';
import { type JsonReport, runCli } from '../fixtures/validate/cli';
import { ROOT } from '../support/requests';
import { type StackHarness, startStackHarness } from '../support/stack-harness';
import { stackPayload, stackRequest } from '../support/stack-requests';

const STACKS = join(ROOT, 'examples', 'stacks');
const files = readdirSync(STACKS).filter((f) => f.endsWith('.yaml')).sort();

let h: StackHarness;
beforeAll(async () => {
  h = await startStackHarness();
});
afterAll(() => h.close());

/** logicalId -> sorted finding paths of each failing resource. */
type Failures = Record<string, string[]>;

async function viaValidate(file: string): Promise<Failures> {
  const args = ['validate', `examples/stacks/${file}`, '--params-file', 'templates/parameters.example.json', '--format', 'json', '--account', '111122223333', '--region', 'eu-west-1', '--stack-name', 'app-stack'];
  const report = JSON.parse((await runCli(args)).stdout) as JsonReport;
  return Object.fromEntries(report.resources.filter((r) => r.status === 'FAIL').map((r) => [r.logicalId, r.findings.map((f) => f.path).sort()]));
}

async function viaHook(file: string): Promise<Failures> {
  const lines: string[] = [];
  const payload = h.http.serve(`/parity/${file}`, { kind: 'body', body: stackPayload(readFileSync(join(STACKS, file), 'utf8')) });
  const response = await handleHookRequest(stackRequest({ payload }), new HookRuntime(h.env), { env: h.env, stdout: (line) => lines.push(line) });
  const logged = lines.map((l) => JSON.parse(l)).find((l) => Array.isArray(l.failing));
  const failures: Failures = Object.fromEntries((logged?.failing ?? []).map((o: { logicalId: string; findings: { path: string }[] }) => [o.logicalId, o.findings.map((f) => f.path).sort()]));
  expect(response.hookStatus).toBe(Object.keys(failures).length > 0 ? 'FAILED' : 'SUCCESS');
  return failures;
}

describe('STACK target and rcfge validate on the example stacks', () => {
  it.each(files)('%s', async (file) => {
    const [validate, hook] = await Promise.all([viaValidate(file), viaHook(file)]);
    if (/^Parameters:/m.test(readFileSync(join(STACKS, file), 'utf8'))) {
      for (const [id, paths] of Object.entries(hook)) expect(validate[id]).toEqual(expect.arrayContaining(paths));
    } else {
      expect(hook).toEqual(validate);
    }
    expect(Object.keys(validate).length > 0).toBe(file.includes('-noncompliant'));
  });
});
