import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type LocalS3, startLocalS3, uploadTemplates } from '../../src/local/s3-server';
import { startPayloadServer } from '../support/payload-server';
import { ROOT } from '../support/requests';
import { examplePayload } from '../support/stack-requests';

const exec = promisify(execFile);

/** The built CLI, as a user runs it: `node bin/rcfge.js invoke <file>`. */
async function rcfge(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [join(ROOT, 'bin', 'rcfge.js'), ...args], { env, cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('rcfge invoke', () => {
  let s3: LocalS3;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    await exec(process.execPath, [join(ROOT, 'scripts', 'build.mjs')]);
    s3 = await startLocalS3(['rcfge-templates']);
    await uploadTemplates(s3.client, 'rcfge-templates', 'templates/', join(ROOT, 'templates'));
    env = { ...process.env, AWS_ENDPOINT_URL_S3: s3.endpoint, AWS_REGION: 'eu-west-1' };
  }, 60_000);
  afterAll(() => s3.close());

  it('prints the SUCCESS response and exits 0 for a compliant request', async () => {
    const result = await rcfge(['invoke', 'examples/requests/1-bucket-own-topic.compliant.json'], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ hookStatus: 'SUCCESS', clientRequestToken: 'a1b2c3d4-0001-4000-8000-000000000001' });
  });

  it('prints the FAILED response and exits 1 for a non-compliant request', async () => {
    const result = await rcfge(['invoke', 'examples/requests/2-bucket-foreign-topic.noncompliant.json'], env);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
  });

  it('prints the whole-stack verdict of a STACK request with --payload FILE, one annotation per finding', async () => {
    const result = await rcfge(['invoke', 'examples/requests/5-stack-three-violations.noncompliant.json', '--payload', 'examples/payloads/5-stack-three-violations.noncompliant.json'], env);
    expect(result.code).toBe(1);
    const response = JSON.parse(result.stdout);
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toMatch(/3 of 4 judged resources fail: AppLogs .*, JobQueue .*, Alerts /);
    expect(response.annotations).toHaveLength(3);
  });

  it('judges a hand-written STACK request with no payload URL from --payload FILE', async () => {
    const request = JSON.parse(readFileSync(join(ROOT, 'examples', 'requests', '5-stack-three-violations.noncompliant.json'), 'utf8'));
    request.requestData.payload = null;
    const file = join(mkdtempSync(join(tmpdir(), 'rcfge-invoke-')), 'stack.json');
    writeFileSync(file, JSON.stringify(request));
    const result = await rcfge(['invoke', file, '--payload', 'examples/payloads/5-stack-three-violations.noncompliant.json'], env);
    expect(JSON.parse(result.stdout)).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(result.code).toBe(1);
    // Without --payload the same request is refused: CloudFormation always sends the URL.
    expect(JSON.parse((await rcfge(['invoke', file], env)).stdout)).toMatchObject({ errorCode: 'InvalidRequest' });
  });

  it('says so when --payload is given for a resource request, which carries its properties inline', async () => {
    const result = await rcfge(['invoke', 'examples/requests/1-bucket-own-topic.compliant.json', '--payload', 'examples/payloads/5-stack-three-violations.noncompliant.json'], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('--payload is not used: the request carries its target model inline');
  });

  it('fetches the payload of a CHANGE_SET request from its URL', async () => {
    const http = await startPayloadServer();
    try {
      const request = JSON.parse(readFileSync(join(ROOT, 'examples', 'requests', '6-change-set-drops-key.noncompliant.json'), 'utf8'));
      request.requestData.payload = http.serve('/cs.json', { kind: 'body', body: examplePayload('6-change-set-drops-key.noncompliant.json') });
      const file = join(mkdtempSync(join(tmpdir(), 'rcfge-invoke-')), 'request.json');
      writeFileSync(file, JSON.stringify(request));
      const result = await rcfge(['invoke', file], env);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout).message).toContain('DataKey (AWS::KMS::Key)');
    } finally {
      await http.close();
    }
  });

  it('fails closed on a payload URL it cannot fetch, and says how to use a saved payload', async () => {
    const request = JSON.parse(readFileSync(join(ROOT, 'examples', 'requests', '5-stack-three-violations.noncompliant.json'), 'utf8'));
    request.requestData.payload = 'http://127.0.0.1:9/payload.json'; // nothing listens there
    const file = join(mkdtempSync(join(tmpdir(), 'rcfge-invoke-')), '5-stack.json');
    writeFileSync(file, JSON.stringify(request));
    const result = await rcfge(['invoke', file], { ...env, RCFGE_PAYLOAD_MAX_ATTEMPTS: '1' });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NetworkFailure' });
    expect(result.stderr).toContain('give --payload FILE (e.g. examples/payloads/5-stack.json)');
  });

  it('exits 2 on a payload file that cannot be read', async () => {
    const result = await rcfge(['invoke', 'examples/requests/5-stack-three-violations.noncompliant.json', '--payload', 'nope.json'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot read payload nope.json: file not found');
  });

  it('exits 2 with one line and no stack trace for a missing file or a bad flag', async () => {
    for (const args of [['invoke', 'nope.json'], ['invoke', '--bogus', 'x.json'], ['frobnicate']]) {
      const result = await rcfge(args, env);
      expect(result.code).toBe(2);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect((await rcfge(['invoke', 'nope.json'], env)).stderr).toContain('cannot read nope.json: file not found');
  });
});
