import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from '../fixtures/validate/cli';

/**
 * The commands templates/README.md tells people to run must do what the README says
 * (`# exit N`): a documented flag spelling that silently changes the verdict is a bug.
 */
interface DocumentedRun {
  readonly argv: string[];
  readonly exit: number;
  readonly text: string;
}

/** Splits a shell command line: single quotes literal, double quotes with \" escapes, unquoted words. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      while (line[j] !== '"') text += line[j] === '\\' ? line[++j] : line[j], j++;
      word = (word ?? '') + text;
      i = j;
    } else if (c === '\\') {
      word = (word ?? '') + line[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

function documentedRuns(markdown: string): DocumentedRun[] {
  const runs: DocumentedRun[] = [];
  for (const block of markdown.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const joined = block[1].replace(/\\\n/g, ' ');
    // `P="--param ..."` then `... $P ...`: unquoted expansion splits the value into words, as sh does.
    const variables = new Map<string, string[]>();
    for (const line of joined.split('\n')) {
      const assignment = /^([A-Z_]+)=(".*")\s*$/.exec(line.trim());
      if (assignment) variables.set(assignment[1], shellWords(shellWords(assignment[2])[0]));
      const match = /^npx rcfge (validate .*?)\s*# exit (\d)\s*$/.exec(line.trim());
      if (!match) continue;
      const argv = shellWords(match[1]).flatMap((word) => (/^\$[A-Z_]+$/.test(word) ? variables.get(word.slice(1)) ?? [word] : [word]));
      runs.push({ argv, exit: Number(match[2]), text: line.trim() });
    }
  }
  return runs;
}

const README = readFileSync(join(ROOT, 'templates', 'README.md'), 'utf8');
const runs = documentedRuns(README);

describe('templates/README.md: documented rcfge validate commands', () => {
  it('documents at least one command with parameters on the command line', () => {
    expect(runs.some((r) => r.argv.includes('--param'))).toBe(true);
  });

  it.each(runs.map((r) => [r.text, r] as const))('%s', async (_, run) => {
    // Act
    const result = await runCli(run.argv);
    // Assess
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: run.exit, stderr: '' });
  });
});

describe('rcfge validate --help: list parameters', () => {
  it('shows the JSON array spelling and says that commas do not make a list', async () => {
    const help = (await runCli(['validate', '--help'])).stdout;
    expect(help).toContain(`--param 'Accounts=["111122223333","444455556666"]'`);
    expect(help).toMatch(/commas included/);
  });
});
