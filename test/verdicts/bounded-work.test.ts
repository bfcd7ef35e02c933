import { type ChildRun, childCli } from '../fixtures/verdicts/child-cli';
import { Faces, scratchStack, VERDICT_TEMPLATES } from '../fixtures/verdicts/faces';

/**
 * Issue 9 item 10: hostile input costs bounded work. (Timing lives in the benchmarks; here a
 * hang would show as the test's own timeout.)
 */
let faces: Faces;
let rcfge: (args: readonly string[], timeoutMs?: number) => ChildRun;
beforeAll(async () => {
  faces = await Faces.start();
  rcfge = childCli();
});
afterAll(async () => faces.close());

describe('a parameter AllowedPattern runs through the engine safe regex path', () => {
  it('^(a+)+$ against a long non-matching Default answers at once, and as CloudFormation (refused)', async () => {
    // Prepare: backtracking V8 would need about 2^40 steps here
    const text = `Parameters:\n  Name:\n    Type: String\n    AllowedPattern: '^(a+)+$'\n    Default: ${'a'.repeat(40)}b\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: !Ref Name}\n`;
    // Act: in a child process, killed if it runs 20 s
    const run = rcfge(['validate', scratchStack(text), '--templates', VERDICT_TEMPLATES]);
    // Assess
    expect(run.signal).toBeNull();
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/parameter Name: Default "a+b" does not match its AllowedPattern/);
  });

  it('Java syntax in AllowedPattern is read as Java ((?i) inline flag), as CloudFormation reads it', async () => {
    const text = (value: string) => `Parameters:\n  Name:\n    Type: String\n    AllowedPattern: '(?i)[a-z]+'\n    Default: ${value}\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: !Ref Name}\n`;
    const good = await faces.validate(scratchStack(text('Queue')));
    const bad = await faces.validate(scratchStack(text('queue-1')));
    expect(good.stderr).toBe('');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Default "queue-1" does not match its AllowedPattern/);
  });
});
