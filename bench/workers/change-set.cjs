// One runtime, fresh: load the Hook bundle, then either judge one CHANGE_SET request (cold,
// then warm again and again), or answer the same resources as RESOURCE requests, one after
// another (cold pass, then warm passes). Timings go back to the parent.
const { loadHandlers, readJson, silenceConsole, finish, serveAll: pass } = require('./common.cjs');

async function changeSet(entrypoint, request, warmRuns) {
  const started = performance.now();
  const cold = await entrypoint(request);
  const coldMs = performance.now() - started;
  const warmMs = [];
  const statuses = new Set([cold.hookStatus]);
  for (let i = 0; i < warmRuns; i++) {
    const t = performance.now();
    const response = await entrypoint(request);
    warmMs.push(performance.now() - t);
    statuses.add(response.hookStatus);
  }
  return { coldMs, warmMs, statuses: [...statuses], message: cold.message.slice(0, 300), annotations: cold.annotations?.length ?? 0 };
}

async function resources(entrypoint, requests, warmRuns) {
  const cold = await pass(entrypoint, requests);
  const warm = [];
  for (let i = 0; i < warmRuns; i++) warm.push(await pass(entrypoint, requests));
  return { coldMs: cold.ms, warmMs: warm.map((w) => w.ms), statuses: [...new Set([cold, ...warm].flatMap((p) => Object.keys(p.statuses)))] };
}

async function main() {
  silenceConsole();
  const t0 = performance.now();
  const { entrypoint } = loadHandlers();
  const loadMs = performance.now() - t0;
  const warmRuns = Number(process.env.BENCH_WARM_RUNS);
  const result =
    process.env.BENCH_MODE === 'change-set'
      ? await changeSet(entrypoint, readJson(process.env.BENCH_REQUEST), warmRuns)
      : await resources(entrypoint, readJson(process.env.BENCH_REQUESTS), warmRuns);
  await finish({ loadMs, ...result });
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
