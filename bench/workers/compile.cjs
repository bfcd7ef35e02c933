// Compile scaling: a template for every registry type, through the engine's own path
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
  // 'init': the restricted template `rcfge init` derives (timed from its JSON text, as the Hook
  // receives it); 'registry': the registry schema itself used as a template.
  const derive = process.env.BENCH_SOURCE === 'init';
  const compiler = new support.SchemaCompiler();
  const timings = [];
  const failures = [];
  for (const path of files) {
    const body = readFileSync(path, 'utf8');
    const file = basename(path);
    let typeName = file;
    let stage = derive ? 'init' : 'compile';
    try {
      const source = derive ? JSON.stringify(support.deriveTemplate(JSON.parse(body)).template) : body;
      stage = 'prepare';
      const t0 = performance.now();
      const prepared = support.prepareTemplate({ file, location: path, body: source, etag: file });
      typeName = prepared.typeName;
      const schema = support.substitutePlaceholders(prepared.schema, { ...CONTEXT, typeName });
      stage = 'compile';
      const t1 = performance.now();
      compiler.compile(schema, path);
      const t2 = performance.now();
      timings.push({ typeName, bytes: source.length, compileMs: t2 - t1, totalMs: t2 - t0 });
    } catch (error) {
      failures.push({ typeName, stage, reason: String(error.reason ?? error.message).slice(0, 240) });
    }
  }
  await finish({ timings, failures });
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
