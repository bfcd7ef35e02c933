import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { buildCli } from '../../scripts/build.mjs';
import { timeProcess } from '../lib/child.mjs';
import { ROOT, WORKERS } from '../lib/paths.mjs';
import { round } from '../lib/stats.mjs';

/** Real templates: RCFGE_BENCH_CORPUS, else the AWS sample templates clone beside the team's checkouts. */
const CORPUS = process.env.RCFGE_BENCH_CORPUS ?? '/work/corpus/aws-cloudformation-templates';

function stackTemplates(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (statSync(path).isDirectory()) stackTemplates(path, out);
    else if (/\.(ya?ml|json|template)$/.test(name) && /^(Resources|AWSTemplateFormatVersion)\s*:|"Resources"\s*:/m.test(readFileSync(path, 'utf8'))) out.push(path);
  }
  return out;
}

const EXIT_STATUS = { 0: 'compliant', 1: 'non-compliant', 2: 'error' };

/**
 * 9. `rcfge validate` over a folder of ~100 real templates in one process, against one
 * process per file (what a CI loop over files costs), both with the production CLI bundle
 * and the official registry schemas as templates (`--templates @registry`), interleaved
 * once each. Also checks that both give every file the same verdict.
 */
export async function cliRun(env, { quick, bundles }) {
  if (!existsSync(CORPUS)) return { skipped: `no corpus at ${CORPUS} (set RCFGE_BENCH_CORPUS)` };
  const count = quick ? 30 : 100;
  const all = stackTemplates(CORPUS);
  // Spread over the corpus rather than its first folder.
  const picked = Array.from({ length: Math.min(count, all.length) }, (_, i) => all[Math.floor((i * all.length) / Math.min(count, all.length))]);
  const dir = mkdtempSync(join(tmpdir(), 'rcfge-bench-run-'));
  picked.forEach((file, i) => copyFileSync(file, join(dir, `${String(i).padStart(3, '0')}-${basename(file)}`)));
  const cli = join(bundles.dir, 'cli.js');
  await buildCli(cli);
  const runner = [join(WORKERS, 'rcfge-cli.cjs')];
  const childEnv = { ...env, BENCH_CLI: cli, NODE_NO_WARNINGS: '1', RCFGE_HOME: join(dir, '.home') };
  const common = ['--templates', '@registry', '--format', 'json'];
  try {
    const files = readdirSync(dir).filter((f) => !f.startsWith('.')).sort();
    const one = await timeProcess(process.execPath, [...runner, 'validate', dir, ...common], { env: childEnv, okCodes: [0, 1, 2], cwd: dir });
    const document = JSON.parse(one.stdout);
    const oneRun = Object.fromEntries(document.files.map((f) => [basename(f.file), f.status]));
    let perFileMs = 0;
    const perFile = {};
    for (const file of files) {
      const run = await timeProcess(process.execPath, [...runner, 'validate', file, ...common], { env: childEnv, okCodes: [0, 1, 2], cwd: dir });
      perFileMs += run.ms;
      perFile[file] = EXIT_STATUS[run.code];
    }
    const differing = files.filter((f) => (oneRun[f] === 'skipped' ? 'error' : oneRun[f]) !== perFile[f]);
    const statuses = {};
    for (const s of Object.values(oneRun)) statuses[s] = (statuses[s] ?? 0) + 1;
    return {
      corpus: relative(ROOT, CORPUS).startsWith('..') ? CORPUS : relative(ROOT, CORPUS),
      files: files.length,
      statuses,
      one_run_s: round(one.ms / 1000, 2),
      per_file_s: round(perFileMs / 1000, 2),
      per_file_mean_ms: round(perFileMs / files.length, 0),
      speedup: round(perFileMs / one.ms, 1),
      verdicts_differing: differing.length,
      ...(differing.length ? { differing: differing.slice(0, 10) } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
