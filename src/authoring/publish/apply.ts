import { DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Action } from './plan';
import type { Target } from './s3-state';

/** Uploads added/changed templates (with their sha256 as metadata) and deletes what the plan deletes. */
export async function applyPlan(client: S3Client, target: Target, actions: readonly Action[]): Promise<void> {
  for (const action of actions) {
    if ((action.kind === 'add' || action.kind === 'change') && action.local) {
      await client.send(
        new PutObjectCommand({
          Bucket: target.bucket,
          Key: action.key,
          Body: action.local.body,
          ContentType: 'application/json',
          ContentMD5: Buffer.from(action.local.md5, 'hex').toString('base64'),
          Metadata: { sha256: action.local.sha256 },
        }),
      );
    } else if (action.kind === 'delete') {
      await client.send(new DeleteObjectCommand({ Bucket: target.bucket, Key: action.key }));
    }
  }
}
