import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configurationSchema, configurationSchemaJson, pythonJsonDumps } from '../../src/packaging/configuration-schema';
import { ForbiddenContentError, ProjectFileError } from '../../src/packaging/errors';
import { assertShippable, registryPackageName } from '../../src/packaging/layout';
import { handlerFileOf, readHookProject } from '../../src/packaging/project';

const ROOT = join(__dirname, '..', '..');
const HAS_PYTHON = spawnSync('python3', ['-c', 'import json']).status === 0;

function tempProject(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rcfge-project-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

const settings = { artifact_type: 'HOOK', typeName: 'RCFGE::Config::Hook', language: 'typescript', runtime: 'nodejs22.x', entrypoint: 'dist/handlers.entrypoint', testEntrypoint: 'dist/handlers.testEntrypoint' };
const schema = { typeName: 'RCFGE::Config::Hook', typeConfiguration: { properties: { B: { type: 'string' } }, required: ['B'] } };

describe('handlerFileOf', () => {
  test.each([
    ['dist/handlers.entrypoint', 'dist/handlers.js'],
    ['index.handler', 'index.js'],
    ['a/b/c.d.$fn', 'a/b/c.d.js'],
  ])('%s lives in %s', (handler, file) => {
    expect(handlerFileOf(handler)).toBe(file);
  });

  test.each(['entrypoint', '../x.handler', '/abs/x.handler', 'dist/.entrypoint', ''])('%s is refused', (handler) => {
    expect(() => handlerFileOf(handler)).toThrow(ProjectFileError);
  });
});

describe('readHookProject', () => {
  test('reads the repository: type name, runtime, handler file, bytes as on disk', async () => {
    const project = await readHookProject(ROOT);
    expect(project.typeName).toBe('RCFGE::Config::Hook');
    expect(project.handlerFile).toBe('dist/handlers.js');
    expect(project.runtime).toMatch(/^nodejs\d+\.x$/);
    expect(project.schemaBytes.equals(readFileSync(join(ROOT, 'schema.json')))).toBe(true);
    expect(project.settingsBytes.equals(readFileSync(join(ROOT, '.rpdk-config')))).toBe(true);
  });

  test.each([
    ['missing schema.json', { '.rpdk-config': settings }, /schema\.json/],
    ['schema.json not JSON', { '.rpdk-config': settings, 'schema.json': '{' }, /schema\.json is not a JSON object/],
    ['not a hook', { '.rpdk-config': { ...settings, artifact_type: 'RESOURCE' }, 'schema.json': schema }, /artifact_type/],
    ['type names differ', { '.rpdk-config': settings, 'schema.json': { ...schema, typeName: 'Other::Type::Hook' } }, /differs/],
    ['not Node.js', { '.rpdk-config': { ...settings, runtime: 'python3.12' }, 'schema.json': schema }, /not a Node\.js runtime/],
    ['test entry elsewhere', { '.rpdk-config': { ...settings, testEntrypoint: 'dist/other.test' }, 'schema.json': schema }, /testEntrypoint/],
  ])('%s -> ProjectFileError', async (_case, files, message) => {
    const dir = tempProject(files);
    try {
      await expect(readHookProject(dir)).rejects.toThrow(ProjectFileError);
      await expect(readHookProject(dir)).rejects.toThrow(message);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('configuration-schema.json', () => {
  test('is typeConfiguration with definitions and typeName added after its own keys', () => {
    const result = configurationSchema({ ...schema, definitions: { D: { type: 'string' } } });
    expect(Object.keys(result)).toEqual(['properties', 'required', 'definitions', 'typeName']);
    expect(result.definitions).toEqual({ D: { type: 'string' } });
    expect(result.typeName).toBe('RCFGE::Config::Hook');
  });

  test('defaults definitions to {} and leaves the input untouched', () => {
    const input = structuredClone(schema);
    expect(configurationSchema(input).definitions).toEqual({});
    expect(input).toEqual(schema);
  });

  test('refuses a schema without typeConfiguration', () => {
    expect(() => configurationSchema({ typeName: 'A::B::C' })).toThrow(ProjectFileError);
  });

  test('is written as Python json.dumps(indent=4) writes it: 4 spaces, ASCII only, no final newline', () => {
    expect(pythonJsonDumps({ a: ['é', 1], b: {} })).toBe('{\n    "a": [\n        "\\u00e9",\n        1\n    ],\n    "b": {}\n}');
  });

  (HAS_PYTHON ? test : test.skip)('equals what the CloudFormation CLI would write for this repository', () => {
    // The CLI's own steps (project.py load_configuration_schema + submit), run by Python itself.
    const script = `
import json, sys
s = json.load(open(sys.argv[1]))
c = s["typeConfiguration"]; c["definitions"] = s.get("definitions", {}); c["typeName"] = s["typeName"]
sys.stdout.write(json.dumps(c, indent=4))`;
    const expected = spawnSync('python3', ['-c', script, join(ROOT, 'schema.json')], { encoding: 'utf8' }).stdout;
    const actual = configurationSchemaJson(JSON.parse(readFileSync(join(ROOT, 'schema.json'), 'utf8')));
    expect(expected.length).toBeGreaterThan(100);
    expect(actual).toBe(expected);
  });
});

describe('layout rules', () => {
  test('registry package name is the hyphenated, lower-case type name', () => {
    expect(registryPackageName('RCFGE::Config::Hook')).toBe('rcfge-config-hook.zip');
  });

  test.each([
    ['var s3 = require("aws-sdk");', true],
    ["const { S3 } = require('aws-sdk/clients/s3');", true],
    ['import AWS from "aws-sdk";', true],
    ['require("@aws-sdk/client-s3")', false],
    ['// aws-sdk v2 is not used', false],
  ])('aws-sdk v2 in %j refused: %s', (code, refused) => {
    const check = () => assertShippable([{ name: 'dist/handlers.js', data: Buffer.from(code) }], false);
    if (refused) expect(check).toThrow(ForbiddenContentError);
    else expect(check).not.toThrow();
  });

  test('node_modules never, source maps only when asked', () => {
    const data = Buffer.from('x');
    expect(() => assertShippable([{ name: 'node_modules/ajv/index.js', data }], true)).toThrow(ForbiddenContentError);
    expect(() => assertShippable([{ name: 'dist/handlers.js.map', data }], false)).toThrow(ForbiddenContentError);
    expect(() => assertShippable([{ name: 'dist/handlers.js.map', data }], true)).not.toThrow();
  });
});

describe('schema.json handlers', () => {
  // Hooks user guide, "Schema syntax reference", example 2: a registered hook receives stack
  // and change set operations only when its handlers list STACK (and CHANGE_SET for preCreate,
  // the only action a change set has) among their targetNames.
  it('target every AWS resource type, stacks, and change sets (preCreate only)', () => {
    const handlers = JSON.parse(readFileSync(join(ROOT, 'schema.json'), 'utf8')).handlers as Record<string, { targetNames: string[] }>;
    expect(Object.fromEntries(Object.entries(handlers).map(([name, h]) => [name, h.targetNames]))).toEqual({
      preCreate: ['AWS::*', 'STACK', 'CHANGE_SET'],
      preUpdate: ['AWS::*', 'STACK'],
      preDelete: ['AWS::*', 'STACK'],
    });
  });
});
