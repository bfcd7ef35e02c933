import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../authoring/run-cli';
import { HOOK_TYPE_NAME } from '../../src/cli/validate/check';
import { handleHookRequest } from '../../src/hook/handler';
import { HookRuntime } from '../../src/hook/runtime';
import { LOCAL_S3_CREDENTIALS } from '../../src/local/s3-server';
import { ROOT } from '../fixtures/validate/cli';
import { Clock } from '../support/clock';
import { useLocalS3Env } from '../support/local-s3-env';

/**
 * The approval loop a security team runs (issue 13 acceptance): a catalogue without an
 * action refuses a policy that uses it, or a wildcard covering it; `rcfge publish` of the
 * catalogue with the action makes the same request pass once the Hook's cache TTL is over
 * (the Hook revalidates with the ETag). Real parts: the CLI's publish, s3rver on 127.0.0.1,
 * the Hook handler on CloudFormation's request JSON.
 */
const BUCKET = 'rcfge-approval';
const PREFIX = 'org/';
const TTL_SECONDS = 2;
const ACCOUNT = '123456789012';
const NEW_ACTION = 'GetObjectAttributes';

function request(logicalId: string, action: string) {
  return {
    clientRequestToken: randomUUID(),
    awsAccountId: ACCOUNT,
    stackId: `arn:aws:cloudformation:us-east-1:${ACCOUNT}:stack/approval/${randomUUID()}`,
    hookTypeName: HOOK_TYPE_NAME,
    hookTypeVersion: '00000001',
    hookModel: {
      TemplateBucket: BUCKET,
      TemplatePrefix: PREFIX,
      CacheTtlSeconds: String(TTL_SECONDS),
      TemplateParameters: readFileSync(join(ROOT, 'templates', 'parameters.example.json'), 'utf8'),
    },
    actionInvocationPoint: 'CREATE_PRE_PROVISION',
    requestData: {
      targetName: 'AWS::IAM::ManagedPolicy',
      targetType: 'RESOURCE',
      targetLogicalId: logicalId,
      targetModel: { resourceProperties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [action], Resource: 'arn:aws:s3:::data-bucket/*' }] } } },
      callerCredentials: JSON.stringify(LOCAL_S3_CREDENTIALS),
    },
    requestContext: { invocation: 1, callbackContext: null },
  };
}

/**
 * A copy of the repository's templates whose catalogue lacks NEW_ACTION (and has `withheld`, if
 * given), in a scratch folder for the enclosing describe.
 */
function useTemplatesWithoutNewAction(prefix: string, withheld?: Record<string, string[]>): { readonly dir: string } {
  const copy = { dir: '' };
  beforeAll(() => {
    copy.dir = mkdtempSync(join(tmpdir(), prefix));
    cpSync(join(ROOT, 'templates'), copy.dir, { recursive: true });
    const catalogue = JSON.parse(readFileSync(join(ROOT, 'templates', 'iam-actions.json'), 'utf8'));
    catalogue.services.s3 = catalogue.services.s3.filter((name: string) => name !== NEW_ACTION);
    if (withheld) catalogue.withheld = withheld;
    writeFileSync(join(copy.dir, 'iam-actions.json'), JSON.stringify(catalogue));
  });
  afterAll(() => rmSync(copy.dir, { recursive: true, force: true }));
  return copy;
}

const publish = (dir: string) => runCli(['publish', dir, '--bucket', BUCKET, '--prefix', PREFIX]);

/** The Hook handler's answer for a managed policy allowing `action`, with this runtime (its template cache). */
const judging = (runtime: HookRuntime, endpoint: string) => (logicalId: string, action: string) =>
  handleHookRequest(request(logicalId, action), runtime, { env: { AWS_ENDPOINT_URL_S3: endpoint }, stdout: () => undefined });

describe('approving a new IAM action: publish the catalogue, the Hook follows after its TTL', () => {
  const local = useLocalS3Env(BUCKET);
  const templates = useTemplatesWithoutNewAction('rcfge-approval-');

  it('refuses, then passes the same requests once the catalogue with the action is published', async () => {
    // The Hook's template cache runs on a test clock: the TTL passes when the test says so, not when a loaded runner gets there.
    const clock = new Clock();
    const { s3 } = local;
    const { dir } = templates;
    const judge = judging(new HookRuntime({ AWS_ENDPOINT_URL_S3: s3.endpoint }, { now: clock.now }), s3.endpoint);

    expect((await publish(dir)).code).toBe(0);
    const exact = await judge('UsesIt', `s3:${NEW_ACTION}`);
    const wildcard = await judge('CoversIt', 's3:GetObjectAttr*');
    expect(exact).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(exact.message).toContain(`[RCFGE-IAM-3] Policy actions are in the approved IAM catalogue: /PolicyDocument/Statement/0/Action/0 "s3:${NEW_ACTION}" is not in the approved IAM catalogue`);
    expect(wildcard).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(wildcard.message).toContain('"s3:GetObjectAttr*" matches no action in the approved IAM catalogue');

    // The security team reviews the diff and publishes the catalogue that has the action.
    cpSync(join(ROOT, 'templates', 'iam-actions.json'), join(dir, 'iam-actions.json'));
    const published = await publish(dir);
    expect(published.stdout).toContain(`changed: s3://${BUCKET}/${PREFIX}iam-actions.json`);
    expect(published.stdout).toMatch(/0 added, 1 changed/);

    // Within the TTL the runtime still answers from its cache.
    clock.advance(TTL_SECONDS * 1000 - 1);
    expect((await judge('UsesIt', `s3:${NEW_ACTION}`)).hookStatus).toBe('FAILED');
    clock.advance(1);
    const before = s3.requests.length;
    expect(await judge('UsesIt', `s3:${NEW_ACTION}`)).toMatchObject({ hookStatus: 'SUCCESS' });
    expect(await judge('CoversIt', 's3:GetObjectAttr*')).toMatchObject({ hookStatus: 'SUCCESS' });
    // After the TTL: one conditional GET per file (the ETag revalidation), the template unchanged, the catalogue new.
    const gets = s3.requests.slice(before).filter((r) => r.method === 'GET');
    expect(gets.map((r) => [r.url.replace(/\?.*$/, ''), r.conditional])).toEqual([
      [`/${BUCKET}/${PREFIX}aws-iam-managedpolicy.json`, true],
      [`/${BUCKET}/${PREFIX}iam-actions.json`, true],
    ]);
  });
});

/**
 * The same loop with the action published by AWS but withheld (`rcfge iam-catalogue update
 * --withhold-new`): the Hook then also refuses a wildcard that matches approved actions and
 * would grant the withheld one (`s3:GetObject*`); `rcfge iam-catalogue approve` + publish lets it through.
 */
describe('a withheld action: refused through any Allow wildcard until approved and published', () => {
  const local = useLocalS3Env(BUCKET);
  const templates = useTemplatesWithoutNewAction('rcfge-withheld-', { s3: [NEW_ACTION] });

  it('refuses s3:GetObject* while s3:GetObjectAttributes is withheld, and passes it once approved', async () => {
    const { s3 } = local;
    const { dir } = templates;
    const judge = judging(new HookRuntime({ AWS_ENDPOINT_URL_S3: s3.endpoint }), s3.endpoint);

    expect((await publish(dir)).code).toBe(0);
    const fetchedAt = Date.now();
    const broad = await judge('Broad', 's3:GetObject*');
    expect(broad).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(broad.message).toContain(`[RCFGE-IAM-3] Policy actions are in the approved IAM catalogue: /PolicyDocument/Statement/0/Action/0 "s3:GetObject*" also grants s3:${NEW_ACTION}, which is not approved yet`);
    expect(await judge('Approved', 's3:GetObject')).toMatchObject({ hookStatus: 'SUCCESS' });

    const approved = await runCli(['iam-catalogue', 'approve', `s3:${NEW_ACTION}`, '--out', join(dir, 'iam-actions.json')]);
    expect(approved.stdout).toContain(`approved s3:${NEW_ACTION}`);
    expect((await publish(dir)).stdout).toContain(`changed: s3://${BUCKET}/${PREFIX}iam-actions.json`);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, fetchedAt + TTL_SECONDS * 1000 + 200 - Date.now())));
    expect(await judge('Broad', 's3:GetObject*')).toMatchObject({ hookStatus: 'SUCCESS' });
    expect(await judge('Exact', `s3:${NEW_ACTION}`)).toMatchObject({ hookStatus: 'SUCCESS' });
  });
});
