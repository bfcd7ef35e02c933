import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { byId, ROOT, runCli } from '../fixtures/validate/cli';
import { Faces, scratchStack, VERDICT_TEMPLATES } from '../fixtures/verdicts/faces';

/**
 * Issue 9 item 8: input a macro rewrites is not what the Hook will see, so its resources are
 * reported as not judged (never as findings); types outside what the Hook targets are
 * skipped as the Hook skips them; a run that judged nothing does not say "compliant".
 */
let faces: Faces;
beforeAll(async () => {
  faces = await Faces.start();
});
afterAll(async () => faces.close());

/** The input of AWS's ExecutionRoleBuilder macro example: not an IAM role until the macro runs. */
const MACRO_INPUT = `Transform: ExecutionRoleBuilder
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      Type: Lambda
      Name: builder-test
      Permissions:
        - ReadOnly: arn:aws:s3:::bucket
`;

describe('templates whose Transform names a macro', () => {
  it('reports every resource as not judged, with the reason, and no finding', async () => {
    const run = await faces.validate(scratchStack(MACRO_INPUT));
    expect(run.code).toBe(0);
    expect(byId(run.report!, 'Role')).toMatchObject({ status: 'SKIP', kind: 'not-judged', findings: [], reason: expect.stringMatching(/macro ExecutionRoleBuilder, which may rewrite/) });
    expect(run.stderr).toMatch(/uses the macro ExecutionRoleBuilder/);
  });

  it('text output says that nothing was judged, never that the stack is compliant', async () => {
    const run = await runCli(['validate', scratchStack(MACRO_INPUT), '--templates', VERDICT_TEMPLATES]);
    expect(run.stdout).toMatch(/: nothing was judged\n1 resource: 0 passed, 0 failed, 1 skipped \(1 not judged\)$/);
    expect(run.stdout).not.toMatch(/is compliant/);
  });

  it('a macro named with parameters ({Name, Parameters}) is a macro too; AWS::Include and the SAM and language transforms are not', async () => {
    const named = await faces.validate(scratchStack(MACRO_INPUT.replace('Transform: ExecutionRoleBuilder', 'Transform: [{Name: Count, Parameters: {N: 2}}]')));
    expect(byId(named.report!, 'Role').kind).toBe('not-judged');
    const known = await faces.validate(scratchStack('Transform: [AWS::Serverless-2016-10-31, AWS::LanguageExtensions]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: Not_Valid}\n'));
    expect(byId(known.report!, 'Q').status).toBe('FAIL');
  });

  it('a macro applied beside other keys of a property (Fn::Transform) leaves that object unjudged', async () => {
    const text = 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: q\n      RedriveAllowPolicy:\n        Fn::Transform: {Name: AddPolicy}\n        redrivePermission: allowAll\n';
    const run = await faces.validate(scratchStack(text));
    expect(byId(run.report!, 'Q')).toMatchObject({ status: 'PASS', findings: [], unresolved: ['/RedriveAllowPolicy'] });
  });
});

describe('types the Hook does not target', () => {
  it('are skipped, as schema.json targets only AWS::* for the Hook', async () => {
    // Prepare: what the Hook is registered for
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema.json'), 'utf8')) as { handlers: Record<string, { targetNames: string[] }> };
    // Resource types: AWS::* only (STACK and CHANGE_SET name the stack-level targets, not types).
    const typeTargets = Object.values(schema.handlers).map((h) => h.targetNames.filter((name) => name !== 'STACK' && name !== 'CHANGE_SET'));
    expect(typeTargets.every((names) => names.length === 1 && names[0] === 'AWS::*')).toBe(true);
    // Act
    const run = await faces.validate(scratchStack('Resources:\n  Cluster:\n    Type: MongoDB::Atlas::Cluster\n    Properties: {Name: x}\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: q}\n'));
    // Assess
    expect(run.code).toBe(0);
    expect(byId(run.report!, 'Cluster')).toMatchObject({ status: 'SKIP', kind: 'skipped', reason: expect.stringMatching(/not an AWS:: type/) });
    expect(byId(run.report!, 'Q').status).toBe('PASS');
  });
});
