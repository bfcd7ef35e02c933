import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOOK_TYPE_NAME } from '../../../src/cli/validate/check';
import { handleHookRequest } from '../../../src/hook/handler';
import { HookRuntime } from '../../../src/hook/runtime';
import { type LocalS3, LOCAL_S3_CREDENTIALS, localS3Client, startLocalS3, uploadTemplates } from '../../../src/local/s3-server';
import { type JsonReport, ROOT, runCli } from '../../fixtures/validate/cli';
import { EXAMPLE_PARAMS, stringTyped } from '../../support/requests';

/**
 * The baseline templates judged through both entry points a user has: `rcfge validate` on
 * a stack template (one run for many resources) and the real Hook handler on the
 * HookInvocationRequest CloudFormation sends for each resource (every scalar a string),
 * with the templates served by an S3-compatible server on 127.0.0.1.
 */
export const PARAMS_FILE = 'templates/parameters.example.json';
/** validate's defaults, which the Hook requests use too. */
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export interface Finding {
  readonly path: string;
  readonly keyword: string;
  readonly message: string;
  readonly rule?: string;
  readonly title?: string;
}

export interface FaceVerdict {
  readonly status: 'PASS' | 'FAIL';
  readonly findings: readonly Finding[];
  readonly message?: string;
  readonly errorCode?: string;
}

export interface Judged {
  readonly validate: FaceVerdict;
  readonly hook: FaceVerdict;
}

export interface Resource {
  readonly type: string;
  readonly properties: unknown;
}

const BUCKET = 'rcfge-shared';

export class BothFaces {
  private constructor(
    private readonly endpoint: string,
    private readonly prefix: string,
    private readonly runtime: HookRuntime,
    private readonly own: LocalS3 | undefined,
    private readonly dir: string,
    private readonly templates: string,
    private readonly params: string,
  ) {}

  /**
   * `templates`: a folder to serve instead of the repository's templates/ (e.g. with a small
   * IAM catalogue); `params`: TemplateParameters instead of templates/parameters.example.json.
   */
  static async start(options: { templates?: string; params?: Readonly<Record<string, string | readonly string[]>> } = {}): Promise<BothFaces> {
    let endpoint = process.env.RCFGE_TEST_S3_ENDPOINT ?? '';
    let own: LocalS3 | undefined;
    if (!endpoint) {
      own = await startLocalS3([BUCKET]);
      endpoint = own.endpoint;
    }
    const prefix = `baseline-${randomUUID()}/`;
    const client = localS3Client(endpoint);
    const templates = options.templates ?? join(ROOT, 'templates');
    await uploadTemplates(client, BUCKET, prefix, templates);
    client.destroy();
    process.env.AWS_ENDPOINT_URL_S3 = endpoint; // the SDK reads it from the process, as in production
    const runtime = new HookRuntime({ AWS_ENDPOINT_URL_S3: endpoint });
    const dir = mkdtempSync(join(tmpdir(), 'rcfge-faces-'));
    const params = options.params ? JSON.stringify(options.params) : EXAMPLE_PARAMS;
    writeFileSync(join(dir, 'parameters.json'), params);
    return new BothFaces(endpoint, prefix, runtime, own, dir, templates, params);
  }

  async close(): Promise<void> {
    rmSync(this.dir, { recursive: true, force: true });
    await this.own?.close();
  }

  /** Judges every resource (keyed by logical ID) through validate in one run and through the Hook one by one. */
  async judge(resources: Readonly<Record<string, Resource>>): Promise<Record<string, Judged>> {
    const report = await this.validate(resources);
    const out: Record<string, Judged> = {};
    for (const [logicalId, resource] of Object.entries(resources)) {
      const verdict = report.resources.find((r) => r.logicalId === logicalId);
      if (!verdict || verdict.status === 'SKIP') throw new Error(`validate did not judge ${logicalId}: ${JSON.stringify(verdict)}`);
      out[logicalId] = {
        validate: { status: verdict.status, findings: verdict.findings, message: verdict.message },
        hook: await this.hook(logicalId, resource),
      };
    }
    return out;
  }

  /** One resource through both faces. */
  async judgeOne(type: string, properties: unknown): Promise<Judged> {
    return (await this.judge({ Subject: { type, properties } })).Subject;
  }

  private async validate(resources: Readonly<Record<string, Resource>>): Promise<JsonReport> {
    const file = join(this.dir, `${randomUUID()}.json`);
    const stack = { AWSTemplateFormatVersion: '2010-09-09', Resources: Object.fromEntries(Object.entries(resources).map(([id, r]) => [id, { Type: r.type, Properties: r.properties }])) };
    writeFileSync(file, JSON.stringify(stack, null, 2));
    const run = await runCli(['validate', file, '--format', 'json', '--templates', this.templates, '--params-file', join(this.dir, 'parameters.json'), '--account', ACCOUNT, '--region', REGION]);
    if (run.code === 2) throw new Error(`rcfge validate could not judge ${file}: ${run.stderr}`);
    return JSON.parse(run.stdout) as JsonReport;
  }

  /** The Hook handler's verdict on the request CloudFormation sends for one resource. */
  async hook(logicalId: string, resource: Resource): Promise<FaceVerdict> {
    const request = {
      clientRequestToken: randomUUID(),
      awsAccountId: ACCOUNT,
      stackId: `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/baseline-test/${randomUUID()}`,
      hookTypeName: HOOK_TYPE_NAME,
      hookTypeVersion: '00000001',
      hookModel: { TemplateBucket: BUCKET, TemplatePrefix: this.prefix, TemplateParameters: this.params },
      actionInvocationPoint: 'CREATE_PRE_PROVISION',
      requestData: {
        targetName: resource.type,
        targetType: 'RESOURCE',
        targetLogicalId: logicalId,
        targetModel: { resourceProperties: stringTyped(resource.properties) },
        callerCredentials: JSON.stringify(LOCAL_S3_CREDENTIALS),
      },
      requestContext: { invocation: 1, callbackContext: null },
    };
    const lines: string[] = [];
    const response = await handleHookRequest(request, this.runtime, { env: { AWS_ENDPOINT_URL_S3: this.endpoint }, stdout: (line) => lines.push(line) });
    const logged = lines.map((line) => JSON.parse(line) as { findings?: Finding[] }).find((entry) => Array.isArray(entry.findings));
    return { status: response.hookStatus === 'SUCCESS' ? 'PASS' : 'FAIL', findings: logged?.findings ?? [], message: response.message, errorCode: response.errorCode };
  }
}

/** Sorted, distinct "path keyword" pairs: what both faces must agree on. */
export function findingKeys(verdict: FaceVerdict): string[] {
  return [...new Set(verdict.findings.map((f) => `${f.path} ${f.keyword}`))].sort();
}
