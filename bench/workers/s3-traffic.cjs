// S3 traffic of one runtime serving a whole stack three times: cold, warm within the TTL,
// and after the TTL. The parent counts the GETs its server saw between the phase marks.
const { loadHandlers, readJson, silenceConsole, mark, finish } = require('./common.cjs');

async function serve(entrypoint, requests) {
  const started = performance.now();
  const statuses = {};
  for (const request of requests) {
    const response = await entrypoint(request);
    statuses[response.hookStatus] = (statuses[response.hookStatus] ?? 0) + 1;
  }
  return { ms: performance.now() - started, statuses };
}

async function main() {
  silenceConsole();
  const requests = readJson(process.env.BENCH_REQUESTS);
  const ttlMs = Number(process.env.BENCH_TTL_S) * 1000;
  const { entrypoint } = loadHandlers();
  await mark('start');
  const coldStarted = performance.now();
  const cold = await serve(entrypoint, requests);
  await mark('cold');
  const warm = await serve(entrypoint, requests);
  await mark('warm');
  const elapsed = performance.now() - coldStarted;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, ttlMs - elapsed) + 1000));
  const afterTtl = await serve(entrypoint, requests);
  await mark('after_ttl');
  await finish({ cold, warm, afterTtl, coldAndWarmMs: elapsed });
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
