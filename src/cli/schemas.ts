import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  RegistryDownloadError,
  RegistryError,
  archiveUrl,
  builtInRegistry,
  describeRegistry,
  download,
  encodeSnapshot,
  installedSnapshotPath,
  openRegistry,
  schemasFromDirectory,
  schemasFromZip,
  snapshotOf,
  writeSnapshotFile,
} from '../registry';
import { parseCommandArgs } from './args';
import { type CliIO, type Command, ExitCode, UsageError } from './command';

const usage = `Usage: rcfge schemas [show]
       rcfge schemas update [--region R] [--from URL|FILE.zip|DIR] [--out FILE]
       rcfge schemas reset

The CloudFormation registry resource schemas that init, lint and validate's
"--templates @registry" use. rcfge ships a snapshot (us-east-1); "update" downloads
the archive CloudFormation publishes for a region
(https://schema.cloudformation.<region>.amazonaws.com/CloudformationSchema.zip)
and installs it for your user; "reset" goes back to the built-in snapshot.
--schemas DIR on init and lint overrides both.

  show               which snapshot is in use: origin, region, date, source, file
  update             download and install (atomically: a failed update changes nothing)
    --region R       region of the archive (default: AWS_REGION, AWS_DEFAULT_REGION, us-east-1)
    --from SRC       another source: a URL, a local .zip, or a folder of schema files
    --out FILE       write the snapshot to FILE instead of installing it
    --source TEXT    provenance to record (default: the URL or path read)
    --date YYYY-MM-DD  date to record (default: the server's Last-Modified, else today)
  reset              remove the installed snapshot

The installed snapshot lives in $RCFGE_HOME/registry/schemas.json.gz (default
RCFGE_HOME: $XDG_DATA_HOME/rcfge or ~/.local/share/rcfge).`;

function show(io: CliIO): number {
  const registry = openRegistry({ env: io.env });
  const { origin, region, date, source, location } = registry.info;
  io.stdout(
    [
      `registry schemas in use: ${origin === 'built-in' ? 'built-in snapshot' : 'installed snapshot (rcfge schemas update)'}`,
      `  schemas  ${registry.files().length.toLocaleString('en-US')}`,
      `  region   ${region || 'unknown'}`,
      `  date     ${date || 'unknown'}`,
      `  source   ${source}`,
      `  file     ${location}`,
    ].join('\n'),
  );
  if (origin === 'installed') io.stdout(`(built-in: ${describeRegistry(builtInRegistry())}; rcfge schemas reset to use it)`);
  return ExitCode.Ok;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

async function readSource(from: string, io: CliIO): Promise<{ files: Map<string, string>; source: string; lastModified?: string }> {
  if (/^https?:\/\//i.test(from)) {
    io.stderr(`rcfge schemas: downloading ${from}`);
    const got = await download(from);
    return { files: schemasFromZip(got.bytes, from), source: from, lastModified: got.lastModified };
  }
  const path = resolve(io.cwd, from);
  if (!existsSync(path)) throw new UsageError(`schemas: --from ${from}: no such file or folder (give a URL, a .zip or a folder of schema files)`);
  if (statSync(path).isDirectory()) return { files: schemasFromDirectory(path), source: path };
  return { files: schemasFromZip(readFileSync(path), from), source: path };
}

async function update(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('schemas update', args, {
    region: { type: 'string' },
    from: { type: 'string' },
    out: { type: 'string' },
    source: { type: 'string' },
    date: { type: 'string' },
  });
  if (values.help) {
    io.stdout(usage);
    return ExitCode.Ok;
  }
  if (positionals.length > 0) throw new UsageError(`schemas update: unexpected argument ${JSON.stringify(positionals[0])} (use --from SRC)`);
  const regionGiven = values.region ?? (values.from === undefined ? (io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION) : undefined);
  if (regionGiven !== undefined && !REGION.test(regionGiven)) throw new UsageError(`schemas update: --region must be an AWS region such as eu-west-1, not ${JSON.stringify(regionGiven)}`);
  if (values.date !== undefined && !DATE.test(values.date)) throw new UsageError(`schemas update: --date must be YYYY-MM-DD, not ${JSON.stringify(values.date)}`);
  const region = regionGiven ?? (values.from === undefined ? 'us-east-1' : '');
  const read = await readSource(values.from ?? archiveUrl(region), io);
  const snapshot = snapshotOf(
    { source: values.source ?? read.source, date: values.date ?? read.lastModified ?? new Date().toISOString().slice(0, 10), region },
    read.files,
  );
  const target = values.out === undefined ? installedSnapshotPath(io.env) : resolve(io.cwd, values.out);
  const bytes = encodeSnapshot(snapshot);
  writeSnapshotFile(target, bytes);
  const shown = values.out ?? target;
  const count = Object.keys(snapshot.schemas).length.toLocaleString('en-US');
  io.stdout(`${values.out === undefined ? 'installed' : 'wrote'} ${count} schemas (${region || 'region unknown'}, ${snapshot.date}) from ${snapshot.source} to ${shown} (${Math.round(bytes.length / 1024)} KB)`);
  return ExitCode.Ok;
}

function reset(io: CliIO): number {
  const path = installedSnapshotPath(io.env);
  if (!existsSync(path)) {
    io.stdout(`no installed snapshot (${path}); the built-in one is in use`);
    return ExitCode.Ok;
  }
  rmSync(path, { force: true });
  io.stdout(`removed ${path}; in use now: ${describeRegistry(builtInRegistry())}`);
  return ExitCode.Ok;
}

async function run(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === undefined || sub === 'show') {
      if (rest.includes('--help') || rest.includes('-h')) io.stdout(usage);
      else if (rest.length > 0) throw new UsageError(`schemas show: unexpected argument ${JSON.stringify(rest[0])}`);
      else return show(io);
      return ExitCode.Ok;
    }
    if (sub === '--help' || sub === '-h') {
      io.stdout(usage);
      return ExitCode.Ok;
    }
    if (sub === 'update') return await update(rest, io);
    if (sub === 'reset') return reset(io);
  } catch (error) {
    if (error instanceof RegistryError || error instanceof RegistryDownloadError) throw new UsageError(`schemas: ${error.message}`);
    throw error;
  }
  throw new UsageError(`schemas: unknown subcommand ${JSON.stringify(sub)} (show, update or reset)`);
}

export const schemasCommand: Command = { name: 'schemas', summary: 'show or update the registry schemas in use (rcfge schemas update --region R)', usage, run };
