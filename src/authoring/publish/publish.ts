import type { S3Client } from '@aws-sdk/client-s3';
import { applyPlan } from './apply';
import { readLocalTemplates } from './local-files';
import { type Action, planPublish } from './plan';
import { type Target, remoteState } from './s3-state';

export interface PublishOptions extends Target {
  readonly dryRun: boolean;
  readonly delete: boolean;
}

/** An S3 call failed; names the operation and the location. */
export class PublishError extends Error {
  override readonly name = 'PublishError';
}

async function step<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const e = error as Error;
    throw new PublishError(`${what} failed: ${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}`, { cause: error });
  }
}

/** Compares the folder with the bucket and (unless dry run) uploads changes and deletes as planned. */
export async function publishTemplates(client: S3Client, dir: string, options: PublishOptions): Promise<Action[]> {
  const local = await readLocalTemplates(dir);
  const where = `s3://${options.bucket}/${options.prefix}`;
  const remote = await step(`reading ${where}`, () => remoteState(client, options, new Set(local.map((t) => `${options.prefix}${t.name}`))));
  const actions = planPublish(local, remote, options.prefix, options.delete);
  if (!options.dryRun) await step(`writing to ${where}`, () => applyPlan(client, options, actions));
  return actions;
}
