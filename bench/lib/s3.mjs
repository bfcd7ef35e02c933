// The local S3 server the Hook bundle talks to (src/local/s3-server.ts: real s3rver on 127.0.0.1),
// run in the bench's parent process so that workers' memory and timings exclude it.
import { BUCKET } from './fixtures.mjs';
import { TEMPLATES } from './paths.mjs';

export async function startBenchS3(support) {
  const server = await support.startLocalS3([BUCKET]);
  await support.uploadTemplates(server.client, BUCKET, 'templates/', TEMPLATES);
  return server;
}

/** Counts GETs of templates (the server also sees the bench's own uploads: PUTs). */
export function countGets(requests, from = 0, to = requests.length) {
  const slice = requests.slice(from, to).filter((r) => r.method === 'GET');
  return { gets: slice.length, conditional: slice.filter((r) => r.conditional).length };
}
