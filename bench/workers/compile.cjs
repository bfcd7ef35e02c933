// Compile scaling: every registry schema as a template, through the engine's own path
// (prepareTemplate -> substitutePlaceholders -> SchemaCompiler.compile), one compiler
// shared as in a warm runtime. Times the compile step and the whole instantiation.
const { readFileSync } = require('node:fs');
const { basename } = require('node:path');
const { loadSupport, readJson, finish } = require('./common.cjs');

const CONTEXT = {
  accountID: '111122223333',
  region: 'eu-west-1',
  partition: 'aws',
  stackId: 'arn:aws:cloudformation:eu-west-1:111122223333:stack/demo-stack/5b2a7c40-7e0b-11ef-8d2e-0a1b2c3d4e5f',
  stackName: 'demo-stack',
  logicalResourceId: 'Resource',
  typeName: '',
  hookTypeName: 'RCFGE::Config::Hook',
  params: {},
};

async function main() {
  const support = loadSupport();
  const files = readJson(process.env.BENCH_FILES);
  const compiler = new support.SchemaCompiler();
  const timings = [];
  const failures = [];
  for (const path of files) {
    const body = readFileSync(path, 'utf8');
    const file = basename(path);
    const t0 = performance.now();
    let typeName = file;
    try {
      const prepared = support.prepareTemplate({ file, location: path, body, etag: file });
      typeName = prepared.typeName;
      const schema = support.substitutePlaceholders(prepared.schema, { ...CONTEXT, typeName });
      const t1 = performance.now();
      compiler.compile(schema, path);
      const t2 = performance.now();
      timings.push({ typeName, bytes: body.length, compileMs: t2 - t1, totalMs: t2 - t0 });
    } catch (error) {
      failures.push({ typeName, reason: String(error.reason ?? error.message).slice(0, 240) });
    }
  }
  await finish({ timings, failures });
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
