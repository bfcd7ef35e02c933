// Memory: many invocations round-robin over many types in one runtime, sampling RSS.
const { loadHandlers, readJson, silenceConsole, finish } = require('./common.cjs');

async function main() {
  silenceConsole();
  const requests = readJson(process.env.BENCH_REQUESTS);
  const total = Number(process.env.BENCH_N);
  const every = Math.max(1, Math.floor(total / 200));
  const { entrypoint } = loadHandlers();
  const samples = [];
  const statuses = {};
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const response = await entrypoint(requests[i % requests.length]);
    statuses[response.hookStatus] = (statuses[response.hookStatus] ?? 0) + 1;
    if ((i + 1) % every === 0) {
      const m = process.memoryUsage();
      samples.push({ at: i + 1, rss: m.rss, heapUsed: m.heapUsed, external: m.external });
    }
  }
  const maxRssKb = process.resourceUsage().maxRSS;
  await finish({ samples, maxRssBytes: maxRssKb * 1024, statuses, ms: performance.now() - started });
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
