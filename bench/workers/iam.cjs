// IAM policies: the production bundle's `entrypoint` on a role with a 20-statement policy, with
// and without the policy keywords (alternating, same process); then the catalogue's cold load.
const { readFileSync } = require('node:fs');
const { loadHandlers, loadSupport, readJson, finish, silenceConsole } = require('./common.cjs');

async function timed(fn) {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { us: Number(process.hrtime.bigint() - t0) / 1e3, value };
}

function expectSuccess(response, what) {
  if (response.hookStatus !== 'SUCCESS') throw new Error(`${what} is not compliant: ${JSON.stringify(response)}`);
}

async function main() {
  silenceConsole();
  const n = Number(process.env.BENCH_N);
  const withKeyword = readJson(process.env.BENCH_ROLE);
  const without = readJson(process.env.BENCH_ROLE_NOKEYWORD);
  const { entrypoint } = loadHandlers();
  const support = loadSupport();

  // Warm: both templates (and the catalogue) cached; JIT warm-up first, not measured.
  for (let i = 0; i < 300; i++) {
    expectSuccess(await entrypoint(withKeyword), 'the 20-statement role');
    expectSuccess(await entrypoint(without), 'the 20-statement role (no keywords)');
  }
  const withUs = [];
  const withoutUs = [];
  for (let i = 0; i < n; i++) {
    withUs.push((await timed(() => entrypoint(withKeyword))).us);
    withoutUs.push((await timed(() => entrypoint(without))).us);
  }

  // The catalogue's own cost: parse the file, then judge the 20 statements with a fresh catalogue.
  const text = readFileSync(process.env.BENCH_CATALOGUE, 'utf8');
  const statements = withKeyword.requestData.targetModel.resourceProperties.Policies[0].PolicyDocument.Statement;
  const parseMs = [];
  const firstJudgementMs = [];
  for (let i = 0; i < 20; i++) {
    const parsed = await timed(() => support.parseCatalogue(text, 'bench'));
    parseMs.push(parsed.us / 1e3);
    const judged = await timed(() => statements.flatMap((s) => support.judgeStatement(s, parsed.value, support.DEFAULT_STATEMENT_RULES)));
    if (judged.value.length > 0) throw new Error(`the bench role has findings: ${JSON.stringify(judged.value)}`);
    firstJudgementMs.push((parsed.us + judged.us) / 1e3);
  }

  // A fresh runtime (empty caches) answering its first request: GETs, compile, and for the keyword
  // template the catalogue GET and parse too. Alternating, so machine noise hits both alike.
  const coldWithMs = [];
  const coldWithoutMs = [];
  const env = { AWS_ENDPOINT_URL_S3: process.env.AWS_ENDPOINT_URL_S3, AWS_REGION: process.env.AWS_REGION };
  for (let i = 0; i < Number(process.env.BENCH_COLD_ROUNDS); i++) {
    for (const [request, into] of [
      [withKeyword, coldWithMs],
      [without, coldWithoutMs],
    ]) {
      const runtime = new support.HookRuntime(env);
      const { us, value } = await timed(() => support.handleHookRequest(structuredClone(request), runtime, { stdout: () => undefined }));
      expectSuccess(value, 'the cold role request');
      into.push(us / 1e3);
    }
  }
  await finish({ withUs, withoutUs, parseMs, firstJudgementMs, coldWithMs, coldWithoutMs });
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
