// S3 traffic of one runtime serving a whole stack three times: cold, warm within the TTL,
// and after the TTL. The parent counts the GETs its server saw between the phase marks.
const { loadHandlers, readJson, silenceConsole, mark, finish, serveAll: serve } = require('./common.cjs');

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
