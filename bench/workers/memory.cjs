// Memory: many invocations round-robin over many types in one runtime, sampling RSS.
const { loadHandlers, readJson, silenceConsole, finish } = require('./common.cjs');

async function main() {
  silenceConsole();
  const requests = readJson(process.env.BENCH_REQUESTS);
  const total = Number(process.env.BENCH_N);
  const every = Math.max(1, Math.floor(total / 200));
  const { entrypoint } = loadHandlers();
  const samples = [];
  const retained = [];
  const statuses = {};
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const response = await entrypoint(requests[i % requests.length]);
    statuses[response.hookStatus] = (statuses[response.hookStatus] ?? 0) + 1;
    if ((i + 1) % every === 0) {
      const m = process.memoryUsage();
      samples.push({ at: i + 1, rss: m.rss, heapUsed: m.heapUsed, external: m.external });
    }
    // With --expose-gc only (a separate run): ten full collections; what is still reachable
    // then is what the caches retain, so a leak shows here even when RSS hides it.
    if ((i + 1) % Math.floor(total / 10) === 0 && global.gc) {
      global.gc();
      retained.push({ at: i + 1, heapUsed: process.memoryUsage().heapUsed });
    }
  }
  const maxRssKb = process.resourceUsage().maxRSS;
  await finish({ samples, retained, maxRssBytes: maxRssKb * 1024, statuses, ms: performance.now() - started });
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
