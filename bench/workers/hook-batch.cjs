// One whole process: load the Hook bundle and answer a folder of requests, one after another,
// as a warm runtime would; log lines go to stdout as in production.
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

async function main() {
  const { entrypoint } = require(process.env.BENCH_HANDLERS);
  const dir = process.env.BENCH_REQUEST_DIR;
  let failed = 0;
  for (const file of readdirSync(dir).sort()) {
    const response = await entrypoint(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    if (response.hookStatus !== 'SUCCESS') failed++;
  }
  process.exitCode = failed === 0 ? 0 : 1;
}

main();
