import { rmSync } from 'node:fs';
import type { LocalS3 } from '../../src/local/s3-server';

export default async function globalTeardown(): Promise<void> {
  const home = (globalThis as Record<string, unknown>).__RCFGE_HOME__;
  if (typeof home === 'string') rmSync(home, { recursive: true, force: true });
  await ((globalThis as Record<string, unknown>).__RCFGE_S3__ as LocalS3 | undefined)?.close();
}
