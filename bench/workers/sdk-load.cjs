// The floor for a cold start: a process that only loads the S3 client.
const t0 = performance.now();
require('@aws-sdk/client-s3');
process.stderr.write(`\nBENCH ${JSON.stringify({ bootMs: t0, loadMs: performance.now() - t0 })}\n`);
