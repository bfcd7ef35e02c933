// Warm path: the production bundle's `entrypoint` on repeated requests for a cached type,
// against a bare ajv validate() of the same properties with the same compiled schema.
// Blocks alternate (handler, ajv, handler with real stdout) so machine noise hits all alike.
const { readFileSync } = require('node:fs');
const { loadHandlers, loadSupport, readJson, finish } = require('./common.cjs');

const realLog = console.log;
const AJV_BATCH = 10;
const noop = () => undefined;

function placeholderContextOf(request) {
  const params = JSON.parse(request.hookModel.TemplateParameters ?? '{}');
  const [, partition, , , stackName] = /^arn:([a-z-]+):cloudformation:([a-z0-9-]+):(\d{12}):stack\/([^/]+)\//.exec(request.stackId);
  return {
    accountID: request.awsAccountId,
    region: process.env.AWS_REGION,
    partition,
    stackId: request.stackId,
    stackName,
    logicalResourceId: request.requestData.targetLogicalId,
    typeName: request.requestData.targetName,
    hookTypeName: request.hookTypeName,
    params,
  };
}

/** Median µs of `fn` over `n` calls (after as many unmeasured ones). */
async function medianUs(n, fn) {
  for (let i = 0; i < n; i++) await fn();
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times[i] = Number(process.hrtime.bigint() - t0) / 1e3;
  }
  return times.sort()[Math.floor(n / 2)];
}

/**
 * The handler's stages, one at a time, from the same sources (unminified support bundle): what a
 * warm invocation spends outside ajv. Diagnostic only; the headline figures are the bundle's.
 */
async function stages(support, raw, n) {
  const runtime = new support.HookRuntime();
  const parsed = support.parseHookRequest(raw);
  const region = support.regionOf(parsed, process.env);
  const config = support.readTypeConfiguration(parsed.hookModel, process.env);
  const log = new support.InvocationLog([parsed.callerCredentials]);
  const enforcer = runtime.enforcerFor(config, region, parsed.callerCredentials, log);
  const ctx = support.placeholderContext(parsed, config, region);
  const target = { typeName: parsed.typeName, logicalId: parsed.logicalId, operation: parsed.operation, properties: parsed.properties };
  await enforcer.check(target, ctx);
  return {
    parse_request: await medianUs(n, () => support.parseHookRequest(raw)),
    read_type_configuration: await medianUs(n, () => support.readTypeConfiguration(parsed.hookModel, process.env)),
    region_and_context: await medianUs(n, () => support.placeholderContext(parsed, config, support.regionOf(parsed, process.env))),
    enforcer_for: await medianUs(n, () => runtime.enforcerFor(config, region, parsed.callerCredentials, log)),
    check_cached: await medianUs(n, () => enforcer.check(target, ctx)),
    structured_clone_properties: await medianUs(n, () => structuredClone(parsed.properties)),
    log_line: await medianUs(n, () => new support.InvocationLog([parsed.callerCredentials]).info('CREATE AWS::S3::Bucket X: PASS (compliant)', { stackId: parsed.stackId, template: 'x', findings: [] })),
    deadline_timer_race: await medianUs(n, () => {
      let timer;
      const deadline = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('late')), 25_000);
      });
      return Promise.race([Promise.resolve(1), deadline]).finally(() => clearTimeout(timer));
    }),
  };
}

async function main() {
  const total = Number(process.env.BENCH_N);
  const rounds = 10;
  const perRound = Math.ceil(total / rounds);
  const request = readJson(process.env.BENCH_REQUEST);
  const { entrypoint } = loadHandlers();
  const support = loadSupport();

  console.log = noop;
  const first = await entrypoint(request);
  if (first.hookStatus !== 'SUCCESS') throw new Error(`the warm request is not compliant: ${JSON.stringify(first)}`);

  // The baseline: the engine's own ajv settings, compiling the same instantiated template.
  const body = readFileSync(process.env.BENCH_TEMPLATE, 'utf8');
  const typeName = request.requestData.targetName;
  const prepared = support.prepareTemplate({ file: 'bench.json', location: 'bench', body, etag: 'bench' }, typeName);
  const schema = support.substitutePlaceholders(prepared.schema, placeholderContextOf(request));
  const validate = new support.SchemaCompiler().compile(schema, 'bench');
  const properties = request.requestData.targetModel.resourceProperties;
  if (!validate(structuredClone(properties))) throw new Error(`bare ajv rejects the properties: ${JSON.stringify(validate.errors)}`);

  const handlerUs = [];
  const ajvUs = [];
  const loggedUs = [];
  const timeHandler = async (into) => {
    const t0 = process.hrtime.bigint();
    const response = await entrypoint(request);
    into.push(Number(process.hrtime.bigint() - t0) / 1e3);
    if (response.hookStatus !== 'SUCCESS') throw new Error(`warm request failed: ${JSON.stringify(response)}`);
  };
  // JIT warm-up, not measured.
  for (let i = 0; i < 500; i++) {
    await timeHandler([]);
    validate(structuredClone(properties));
  }
  // Interleaved at the finest grain: every handler invocation is followed by one ajv batch, so a
  // change in machine conditions (the machine is shared) moves both figures alike. ajv takes about
  // a microsecond, close to the timer's own cost, so it is timed in batches of AJV_BATCH fresh
  // string-typed copies; one sample = the batch's mean per call.
  let ajvInvalid = 0;
  for (let r = 0; r < rounds; r++) {
    console.log = noop;
    const copies = Array.from({ length: perRound * AJV_BATCH }, () => structuredClone(properties));
    for (let i = 0; i < perRound; i++) {
      await timeHandler(handlerUs);
      const t0 = process.hrtime.bigint();
      let valid = 0;
      for (let j = i * AJV_BATCH; j < (i + 1) * AJV_BATCH; j++) if (validate(copies[j])) valid++;
      ajvUs.push(Number(process.hrtime.bigint() - t0) / 1e3 / AJV_BATCH);
      ajvInvalid += AJV_BATCH - valid;
      if (i % 4 === 3) {
        // stdout of this process is /dev/null: this is the cost of actually writing the log line.
        console.log = realLog;
        await timeHandler(loggedUs);
        console.log = noop;
      }
    }
  }
  if (ajvInvalid > 0) throw new Error(`bare ajv rejected ${ajvInvalid} copies of compliant properties`);
  console.log = noop;
  await finish({ handlerUs, ajvUs, loggedUs, stagesUs: await stages(support, request, perRound) });
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
