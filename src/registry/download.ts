import { RegistryDownloadError } from './errors';

/**
 * The archive of resource provider schemas CloudFormation publishes for a region, as listed in
 * the CloudFormation Template Reference ("CloudFormation resource provider schemas"):
 * https://schema.cloudformation.<region>.amazonaws.com/CloudformationSchema.zip
 * (China regions are served from the amazonaws.com.cn domain).
 */
export function archiveUrl(region: string): string {
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://schema.cloudformation.${region}.${domain}/CloudformationSchema.zip`;
}

export interface Downloaded {
  readonly bytes: Buffer;
  /** The server's Last-Modified date as YYYY-MM-DD, when it sent one. */
  readonly lastModified?: string;
}

export interface DownloadOptions {
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
}

function causeOf(error: unknown): string {
  const e = error as Error & { cause?: Error & { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timed out';
  return e.cause?.code ?? e.cause?.message ?? e.message;
}

/** GET `url` with Node's fetch; the whole body, bounded in size and time. */
export async function download(url: string, options: DownloadOptions = {}): Promise<Downloaded> {
  const maxBytes = options.maxBytes ?? 100 * 1024 * 1024;
  const signal = AbortSignal.timeout(options.timeoutMs ?? 120_000);
  let response: Response;
  try {
    response = await fetch(url, { signal, redirect: 'follow' });
  } catch (error) {
    throw new RegistryDownloadError(`cannot download ${url}: ${causeOf(error)}`, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new RegistryDownloadError(`${url} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.length;
      if (size > maxBytes) throw new RegistryDownloadError(`${url} is larger than ${maxBytes} bytes: not a schema archive`);
      chunks.push(Buffer.from(chunk));
    }
  } catch (error) {
    if (error instanceof RegistryDownloadError) throw error;
    throw new RegistryDownloadError(`download of ${url} was cut: ${causeOf(error)}`, { cause: error });
  }
  const modified = response.headers.get('last-modified');
  const date = modified ? new Date(modified) : undefined;
  return { bytes: Buffer.concat(chunks), lastModified: date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 10) : undefined };
}
