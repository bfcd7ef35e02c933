import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Enforcer } from '../../src/engine/enforcer';
import { DirectoryTemplateStore } from '../../src/store/directory-store';
import { CachingTemplateProvider } from '../../src/store/caching-provider';
import { testContext } from '../support/context';
import { ROOT } from '../fixtures/validate/cli';
import { Faces, scratchStack } from '../fixtures/verdicts/faces';

/**
 * Issue 9 item 9: a type name is checked before it becomes a file name, on both faces. A
 * JSON file outside the templates folder (here one that is a valid, permissive schema) must
 * never be read, let alone decide a verdict.
 */
let faces: Faces;
let outside: string;
beforeAll(async () => {
  faces = await Faces.start();
  const dir = mkdtempSync(join(tmpdir(), 'rcfge-outside-'));
  outside = join(dir, 'x.json');
  writeFileSync(outside, JSON.stringify({ typeName: 'AWS::S3::Bucket', type: 'object' }));
});
afterAll(async () => faces.close());

/** `AWS::S3::../../../<dir>/x`: the file name the type would become points at `outside`. */
function hostileType(): string {
  const fromTemplates = relative(join(ROOT, 'test/fixtures/verdicts/templates'), outside.replace(/\.json$/, ''));
  return `AWS::S3::${fromTemplates}`;
}

describe('type names that are not Org::Service::Resource', () => {
  it('rcfge validate: an input error naming the resource (CloudFormation rejects the type), no file read', async () => {
    // Act
    const run = await faces.validate(scratchStack(`Resources:\n  Sneaky:\n    Type: ${hostileType()}\n    Properties: {}\n`));
    // Assess
    expect(run.code).toBe(2);
    // --format json: one document for the run, the file "could not be checked", nothing judged.
    expect(JSON.parse(run.stdout)).toMatchObject({ compliant: false, resources: [], files: [{ status: 'error', line: 2 }] });
    expect(run.stderr).toMatch(/stack\.yaml:2: resource Sneaky: Type "AWS::S3::[^"]+" is not a resource type name/);
  });

  it('the Hook: InvalidRequest, no template read', async () => {
    const hook = await faces.hook(faces.request(hostileType(), {}));
    expect(hook.verdict).toBe('FAIL');
    expect(hook.errorCode).toBe('InvalidRequest');
    expect(hook.message).toMatch(/is not a resource type name/);
  });

  it('the engine itself refuses such a name before it asks the store (defence in depth)', async () => {
    // Prepare: the folder store would happily read ../ paths
    const enforcer = new Enforcer(new CachingTemplateProvider(new DirectoryTemplateStore(join(ROOT, 'test/fixtures/verdicts/templates')), { ttlMs: 60_000, maxStaleMs: 0 }), { missingTemplateAction: 'ALLOW' });
    const target = { typeName: hostileType(), logicalId: 'Sneaky', operation: 'CREATE' as const, properties: {} };
    // Act
    const verdict = await enforcer.check(target, testContext(target.typeName, 'Sneaky', {}));
    // Assess: not "allowed because missing", not judged against the outside file
    expect(verdict.status).toBe('FAIL');
    expect(verdict.message).toMatch(/is not a resource type name/);
    expect(enforcer.checkCached(target, testContext(target.typeName, 'Sneaky', {}))?.status).toBe('FAIL');
  });

  it('a well-formed name is judged as before', async () => {
    const run = await faces.validate(scratchStack('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: ok}\n'));
    expect(run.code).toBe(0);
  });
});
