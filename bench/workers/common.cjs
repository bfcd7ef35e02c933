// Shared by the worker processes: what they need from the parent, and the silenced stdout.
const { readFileSync } = require('node:fs');

/** The handler prints its log lines to stdout when there is no provider log group; a no-op in measured loops. */
function silenceConsole() {
  const noop = () => undefined;
  console.log = noop;
  console.info = noop;
  return noop;
}

function loadHandlers() {
  return require(process.env.BENCH_HANDLERS);
}

function loadSupport() {
  return require(process.env.BENCH_SUPPORT);
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function send(message) {
  return new Promise((resolve) => process.send(message, resolve));
}

/** Sends a phase mark and waits until the parent has taken its snapshot (it answers 'ack'). */
function mark(phase, extra = {}) {
  return new Promise((resolve) => {
    process.once('message', resolve);
    process.send({ phase, ...extra });
  });
}

async function finish(result) {
  await send({ result });
  process.exit(0);
}

const nowUs = () => Number(process.hrtime.bigint()) / 1e3;

/** Answers requests one after another, as one runtime does: total ms and the count of each status. */
async function serveAll(entrypoint, requests) {
  const started = performance.now();
  const statuses = {};
  for (const request of requests) {
    const response = await entrypoint(request);
    statuses[response.hookStatus] = (statuses[response.hookStatus] ?? 0) + 1;
  }
  return { ms: performance.now() - started, statuses };
}

module.exports = { silenceConsole, loadHandlers, loadSupport, readJson, send, mark, finish, nowUs, serveAll };
