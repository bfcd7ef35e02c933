import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalS3 } from '../../src/local/s3-server';
import { fuzzSeed } from './fuzz';

/**
 * One shared S3-compatible server for the whole run; tests that count requests start
 * their own with startLocalS3. Workers inherit the endpoint through the environment.
 */
export default async function globalSetup(): Promise<void> {
  // Node 20 runs the tests; the SDK's notice about Node 22 is for Lambda operators.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // FUZZ_SEED=random: drawn once here, so every test file of the run shares it (and prints it).
  if (process.env.FUZZ_SEED === 'random') process.env.FUZZ_SEED = String(fuzzSeed());
  // An empty per-user folder: a registry snapshot a developer installed (rcfge schemas update)
  // must not change what the tests see; they get the built-in one.
  process.env.RCFGE_HOME = mkdtempSync(join(tmpdir(), 'rcfge-home-'));
  (globalThis as Record<string, unknown>).__RCFGE_HOME__ = process.env.RCFGE_HOME;
  const s3 = await startLocalS3(['rcfge-shared']);
  process.env.RCFGE_TEST_S3_ENDPOINT = s3.endpoint;
  (globalThis as Record<string, unknown>).__RCFGE_S3__ = s3;
}
