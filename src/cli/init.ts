import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { deriveTemplate } from '../authoring/init/derive';
import { DerivationError, UnknownPropertyError } from '../authoring/init/errors';
import { didYouMean } from '../authoring/suggest';
import { SchemaCompiler } from '../engine/compiler';
import { isTypeName, templateFileName } from '../engine/file-name';
import { type Registry, describeRegistry } from '../registry';
import { parseCommandArgs } from './args';
import { type CliIO, type Command, ExitCode, UsageError } from './command';
import { registryFor } from './registry-option';

const usage = `Usage: rcfge init <TypeName> [--schemas DIR] [--allow P1,P2] [-o FILE]

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
  -o, --output FILE  write the template to FILE instead of stdout
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
