// One cold start: load the Hook bundle, answer the first request (template fetched from the
// local S3 server and compiled), exit. Its own timings go to stderr as the last line.
const { readFileSync } = require('node:fs');

const t0 = performance.now();
const { entrypoint } = require(process.env.BENCH_HANDLERS);
const loaded = performance.now();
entrypoint(JSON.parse(readFileSync(process.env.BENCH_REQUEST, 'utf8'))).then((response) => {
  const answered = performance.now();
  process.stderr.write(`\nBENCH ${JSON.stringify({ status: response.hookStatus, bootMs: t0, loadMs: loaded - t0, firstRequestMs: answered - loaded })}\n`);
  process.exit(response.hookStatus === 'SUCCESS' ? 0 : 3);
});
