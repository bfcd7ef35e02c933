import { CachingTemplateProvider } from '../../store/caching-provider';
import { openRegistry } from '../../registry';
import { DirectoryTemplateStore } from '../../store/directory-store';
import { RegistryTemplateStore } from '../../store/registry-store';
import { createS3Client, S3TemplateStore } from '../../store/s3-store';
import { timeoutsFromEnv } from '../../store/s3-timeouts';
import type { TemplateProvider } from '../../store/types';
import type { TemplateSource } from './options';
import { RunnableRegistryStore } from './registry-templates';

export interface ProviderHandle {
  readonly provider: TemplateProvider;
  close(): void;
}

/** One run reads each template once: the cache outlives the run, so it never revalidates. */
const RUN_LONG_MS = 24 * 60 * 60 * 1000;

/**
 * The same stores as the Hook: a local folder, or the S3 bucket through the SDK's default
 * credential chain and endpoint settings (AWS_ENDPOINT_URL_S3 for a local server).
 */
export function templateProvider(source: TemplateSource, env: NodeJS.ProcessEnv): ProviderHandle {
  const cache = { ttlMs: RUN_LONG_MS, maxStaleMs: 0 };
  if (source.kind === 'registry') {
    return { provider: new CachingTemplateProvider(new RunnableRegistryStore(new RegistryTemplateStore(openRegistry({ env }))), cache), close: () => undefined };
  }
  if (source.kind === 'directory') {
    return { provider: new CachingTemplateProvider(new DirectoryTemplateStore(source.directory), cache), close: () => undefined };
  }
  const timeouts = timeoutsFromEnv(env);
  const client = createS3Client({ region: source.region, timeouts, env });
  const store = new S3TemplateStore(client, { bucket: source.bucket, prefix: source.prefix, deadlineMs: timeouts.deadlineMs });
  return { provider: new CachingTemplateProvider(store, cache), close: () => client.destroy() };
}
