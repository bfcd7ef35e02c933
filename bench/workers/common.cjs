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

module.exports = { silenceConsole, loadHandlers, loadSupport, readJson, send, mark, finish, nowUs };
