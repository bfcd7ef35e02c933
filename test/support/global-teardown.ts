import type { LocalS3 } from '../../src/local/s3-server';

export default async function globalTeardown(): Promise<void> {
  await ((globalThis as Record<string, unknown>).__RCFGE_S3__ as LocalS3 | undefined)?.close();
}
