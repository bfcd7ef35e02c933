// bin/rcfge.js, pointed at the bench's fresh CLI build instead of dist/cli.js (which may be stale).
require(process.env.BENCH_CLI).cli(process.argv.slice(2));
