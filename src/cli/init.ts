import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { deriveTemplate } from '../authoring/init/derive';
import { DerivationError, UnknownPropertyError } from '../authoring/init/errors';
import { didYouMean } from '../authoring/suggest';
import { SchemaCompiler } from '../engine/compiler';
import { isTypeName, templateFileName } from '../engine/file-name';
import { type Registry, describeRegistry } from '../registry';
import { parseCommandArgs } from './args';
import { type CliIO, type Command, ExitCode, UsageError } from './command';
import { registryFor } from './registry-option';

const usage = `Usage: rcfge init <TypeName> [--schemas DIR] [--allow P1,P2] [-o FILE|DIR] [--force]

Derives a restricted template from the official registry schema of a resource type:
every object closed ("additionalProperties": false) or, where the registry leaves it
free-form, declared open ("x-rcfge": {"open": ...}); read-only properties and
registry-only sections (handlers, identifiers, tagging, ...) removed; typeName and
description kept; a remediation text added. Registry patterns the Hook cannot run
safely and $ref cycles are repaired, each with a warning on stderr and a $comment.
The result compiles in the Hook and passes rcfge lint; restrict it further by hand.

Options:
  --schemas DIR      folder of registry schemas (aws-s3-bucket.json, ...) to use instead
                     of the snapshot in use (rcfge schemas: built in, or installed by
                     rcfge schemas update)
  --allow P1,P2      keep only these top-level properties
  -o, --output FILE  write the template to FILE instead of stdout (a folder: FOLDER/<registry
                     file name>, e.g. templates/aws-s3-bucket.json); an existing file only with --force
  --force            overwrite the output file
  -h, --help         show this help`;

function readRegistrySchema(registry: Registry, typeName: string): Record<string, unknown> {
  const file = templateFileName(typeName);
  let schema: Record<string, unknown> | undefined;
  try {
    schema = registry.schema(file);
  } catch (error) {
    throw new UsageError(`init: ${(error as Error).message}`);
  }
  if (!schema) throw new UsageError(`init: no registry schema ${file} for ${typeName} in the ${describeRegistry(registry)}${didYouMean(file, registry.files())}`);
  return schema;
}

/** `-o templates/` (an existing folder, or a path ending in /) writes the template under its registry file name there. */
function outputFile(output: string, typeName: string, cwd: string): string {
  const path = resolve(cwd, output);
  const isFolder = /[\\/]$/.test(output) || (existsSync(path) && statSync(path).isDirectory());
  return isFolder ? join(output, templateFileName(typeName)) : output;
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
    force: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(usage);
    return ExitCode.Ok;
  }
  if (positionals.length !== 1) throw new UsageError('init: expected exactly one resource type (rcfge init AWS::S3::Bucket)');
  const typeName = positionals[0];
  if (!isTypeName(typeName)) throw new UsageError(`init: ${JSON.stringify(typeName)} is not a resource type name (Org::Service::Resource, e.g. AWS::S3::Bucket)`);
  const registry = readRegistrySchema(registryFor('init', values.schemas, io), typeName);
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
    const shown = outputFile(values.output, typeName, io.cwd);
    const target = resolve(io.cwd, shown);
    if (existsSync(target) && !values.force) throw new UsageError(`init: ${shown} exists; give --force to overwrite it`);
    try {
      await writeFile(target, text, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
      throw new UsageError(`init: cannot write ${shown}: ${reason}`);
    }
    io.stderr(`rcfge init: wrote ${shown} (${derived.declaredOpen.length} free-form schema(s) declared open, ${derived.repairs.length} repair(s))`);
  }
  return ExitCode.Ok;
}

export const initCommand: Command = { name: 'init', summary: 'derive a restricted template from the official registry schema', usage, run };
