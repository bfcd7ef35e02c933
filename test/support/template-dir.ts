import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalS3, startLocalS3, uploadTemplates } from '../../src/local/s3-server';

export interface TemplateDir {
  readonly dir: string;
  readonly remove: () => void;
}

/** A temporary folder of templates written from objects (or raw text), removed by the caller. */
export function templateDir(files: Record<string, unknown>): TemplateDir {
  const dir = mkdtempSync(join(tmpdir(), 'rcfge-templates-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * For the enclosing describe: a local S3 server whose `bucket` holds the folder's templates
 * (no prefix), the SDK pointed at it through the process environment (as in production), and
 * `env` for the Hook handler (region eu-west-1). Afterwards the server stops and the folder
 * is removed. Registers the jest hooks itself.
 */
export function useTemplateBucket(bucket: string, templates: TemplateDir): { readonly env: NodeJS.ProcessEnv } {
  const state = {} as { s3: LocalS3; env: NodeJS.ProcessEnv };
  beforeAll(async () => {
    state.s3 = await startLocalS3([bucket]);
    await uploadTemplates(state.s3.client, bucket, '', templates.dir);
    process.env.AWS_ENDPOINT_URL_S3 = state.s3.endpoint;
    state.env = { ...process.env, AWS_REGION: 'eu-west-1' };
  });
  afterAll(async () => {
    delete process.env.AWS_ENDPOINT_URL_S3;
    await state.s3.close();
    templates.remove();
  });
  return state;
}
