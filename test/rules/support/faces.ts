import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../../src/engine/findings';
import { handleHookRequest } from '../../../src/hook/handler';
import { HookRuntime } from '../../../src/hook/runtime';
import { type LocalS3, startLocalS3, uploadTemplates } from '../../../src/local/s3-server';
import { type JsonReport, runCli } from '../../fixtures/validate/cli';
import { hookRequest, stringTyped } from '../../support/requests';

/**
 * Templates written for one test, judged through both faces: the real Hook handler on a
 * HookInvocationRequest (every scalar a string, as CloudFormation sends it) against an
 * S3-compatible server on 127.0.0.1, and `rcfge validate --format json` on a stack
 * template holding the same resource. Account 123456789012, region us-east-1 (validate's defaults).
 */
export interface FaceVerdict {
  readonly status: 'PASS' | 'FAIL';
  readonly findings: readonly Finding[];
  readonly message: string;
}

const BUCKET = 'rcfge-rules-faces';

export class Faces {
  private constructor(
    private readonly s3: LocalS3,
    private readonly dir: string,
    private readonly runtime: HookRuntime,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static async start(templates: Record<string, unknown>): Promise<Faces> {
    const dir = mkdtempSync(join(tmpdir(), 'rcfge-faces-'));
    for (const [file, template] of Object.entries(templates)) writeFileSync(join(dir, file), JSON.stringify(template, null, 2));
    const s3 = await startLocalS3([BUCKET]);
    await uploadTemplates(s3.client, BUCKET, 'templates/', dir);
    process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint; // the SDK reads it from the process, as in production
    const env = { AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_S3: s3.endpoint };
    return new Faces(s3, dir, new HookRuntime(env), env);
  }

  async close(): Promise<void> {
    delete process.env.AWS_ENDPOINT_URL_S3;
    rmSync(this.dir, { recursive: true, force: true });
    await this.s3.close();
  }

  async hook(type: string, properties: unknown): Promise<FaceVerdict> {
    const request = hookRequest({ typeName: type, logicalId: 'Res', properties: stringTyped(properties), account: '123456789012', hookModel: { TemplateBucket: BUCKET, TemplatePrefix: 'templates/' } });
    const lines: string[] = [];
    const response = await handleHookRequest(request, this.runtime, { env: this.env, stdout: (line) => lines.push(line) });
    const logged = lines.map((l) => JSON.parse(l) as { findings?: Finding[] }).find((l) => Array.isArray(l.findings));
    return { status: response.hookStatus === 'SUCCESS' ? 'PASS' : 'FAIL', findings: logged?.findings ?? [], message: response.message ?? '' };
  }

  async validate(type: string, properties: unknown): Promise<FaceVerdict> {
    const stack = join(this.dir, 'stack.json');
    writeFileSync(stack, JSON.stringify({ Resources: { Res: { Type: type, Properties: properties } } }));
    const run = await runCli(['validate', stack, '--templates', this.dir, '--format', 'json']);
    if (run.code === 2) throw new Error(`rcfge validate: ${run.stderr}`);
    const resource = (JSON.parse(run.stdout) as JsonReport).resources[0] as unknown as { status: 'PASS' | 'FAIL'; findings: Finding[]; message?: string };
    return { status: resource.status, findings: resource.findings, message: resource.message ?? '' };
  }

  /** Both faces; the test asserts they agree. */
  async both(type: string, properties: unknown): Promise<{ hook: FaceVerdict; validate: FaceVerdict }> {
    return { hook: await this.hook(type, properties), validate: await this.validate(type, properties) };
  }
}

/**
 * What must agree between the faces: path, rule and message of each finding. An unapproved
 * property is compared by path and rule only: validate words a name the official registry
 * schema lacks as a typo (issue 9 item 12), the Hook as "not approved".
 */
export function essence(verdict: FaceVerdict): string[] {
  return verdict.findings.map((f) => `${f.path} [${f.rule}]${f.keyword === 'additionalProperties' ? ' (property not approved)' : ` ${f.message}`}`).sort();
}
