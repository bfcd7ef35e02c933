import { readdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { deriveTemplate } from '../authoring/init/derive';
import { DerivationError, UnknownPropertyError } from '../authoring/init/errors';
import { didYouMean } from '../authoring/suggest';
import { SchemaCompiler } from '../engine/compiler';
import { isTypeName, templateFileName } from '../engine/file-name';
import { parseCommandArgs } from './args';
import { type CliIO, type Command, ExitCode, UsageError } from './command';

const usage = `Usage: rcfge init <TypeName> --schemas DIR [--allow P1,P2] [-o FILE]

Derives a restricted template from the official registry schema of a resource type:
every object closed ("additionalProperties": false) or, where the registry leaves it
free-form, declared open ("x-rcfge": {"open": ...}); read-only properties and
registry-only sections (handlers, identifiers, tagging, ...) removed; typeName and
description kept; a remediation text added. Registry patterns the Hook cannot run
safely and $ref cycles are repaired, each with a warning on stderr and a $comment.
The result compiles in the Hook and passes rcfge lint; restrict it further by hand.

Options:
  --schemas DIR      folder of official registry schemas (aws-s3-bucket.json, ...)
  --allow P1,P2      keep only these top-level properties
  -o, --output FILE  write the template to FILE instead of stdout
  -h, --help         show this help`;

async function readRegistrySchema(schemasDir: string, typeName: string): Promise<Record<string, unknown>> {
  const file = templateFileName(typeName);
  let text: string;
  try {
    text = await readFile(resolve(schemasDir, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`init: cannot read ${file}: ${(error as Error).message}`);
    const names = await readdir(schemasDir).catch(() => undefined);
    if (!names) throw new UsageError(`init: --schemas ${schemasDir} is not a readable directory`);
    throw new UsageError(`init: no registry schema ${file} for ${typeName} in ${schemasDir}${didYouMean(file, names)}`);
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`init: ${file} is not valid JSON (${(error as Error).message})`);
  }
}

function allowList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((n) => n.trim()).filter(Boolean);
  if (names.length === 0) throw new UsageError('init: --allow needs at least one property name (P1,P2)');
  return names;
}

async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('init', args, {
    schemas: { type: 'string' },
    allow: { type: 'string' },
    output: { type: 'string', short: 'o' },
  });
  if (values.help) {
    io.stdout(usage);
    return ExitCode.Ok;
  }
  if (positionals.length !== 1) throw new UsageError('init: expected exactly one resource type (rcfge init AWS::S3::Bucket --schemas DIR)');
  const typeName = positionals[0];
  if (!isTypeName(typeName)) throw new UsageError(`init: ${JSON.stringify(typeName)} is not a resource type name (Org::Service::Resource, e.g. AWS::S3::Bucket)`);
  if (values.schemas === undefined) throw new UsageError('init: --schemas DIR is required (the official registry schemas)');
  const registry = await readRegistrySchema(resolve(io.cwd, values.schemas), typeName);
  if (registry.typeName !== typeName) throw new UsageError(`init: ${templateFileName(typeName)} describes ${JSON.stringify(registry.typeName)}, not ${typeName}`);
  let derived;
  try {
    derived = deriveTemplate(registry, { allow: allowList(values.allow), compiler: new SchemaCompiler() });
  } catch (error) {
    if (error instanceof UnknownPropertyError || error instanceof DerivationError) throw new UsageError(`init: ${error.message}`);
    throw error;
  }
  for (const repair of derived.repairs) io.stderr(`rcfge init: warning: ${repair.pointer}: ${repair.message}`);
  const text = `${JSON.stringify(derived.template, null, 2)}\n`;
  if (values.output === undefined) {
    io.stdout(text.trimEnd());
  } else {
    try {
      await writeFile(resolve(io.cwd, values.output), text, 'utf8');
    } catch (error) {
      throw new UsageError(`init: cannot write ${values.output}: ${(error as Error).message}`);
    }
    io.stderr(`rcfge init: wrote ${values.output} (${derived.declaredOpen.length} free-form schema(s) declared open, ${derived.repairs.length} repair(s))`);
  }
  return ExitCode.Ok;
}

export const initCommand: Command = { name: 'init', summary: 'derive a restricted template from the official registry schema', usage, run };
