import { HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { RemoteObject } from './plan';

export interface Target {
  readonly bucket: string;
  readonly prefix: string;
}

/** Template objects directly under the prefix (`<prefix><name>.json`, no deeper "folders"). */
export async function listTemplateKeys(client: S3Client, target: Target): Promise<{ key: string; etag?: string }[]> {
  const out: { key: string; etag?: string }[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: target.bucket, Prefix: target.prefix || undefined, ContinuationToken: token }));
    for (const object of page.Contents ?? []) {
      const key = object.Key ?? '';
      const name = key.slice(target.prefix.length);
      if (name.endsWith('.json') && !name.includes('/')) out.push({ key, etag: object.ETag?.replace(/"/g, '') });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out;
}

/** Reads the sha256 metadata of the objects a local template would replace (one HEAD each). */
export async function remoteState(client: S3Client, target: Target, localKeys: ReadonlySet<string>): Promise<RemoteObject[]> {
  const listed = await listTemplateKeys(client, target);
  return Promise.all(
    listed.map(async ({ key, etag }) => {
      if (!localKeys.has(key)) return { key, etag };
      const head = await client.send(new HeadObjectCommand({ Bucket: target.bucket, Key: key }));
      return { key, etag: head.ETag?.replace(/"/g, '') ?? etag, sha256: head.Metadata?.sha256 };
    }),
  );
}
