import { byId, runCli, type JsonReport } from '../fixtures/validate/cli';
import { scratchStack } from '../fixtures/verdicts/faces';

/**
 * The corpus check (issue 9 acceptance) judges real stacks against the official registry
 * schemas (`--templates @registry`). A registry pattern the engine cannot run (not a Java
 * regular expression, so CloudFormation cannot enforce it either) is dropped there as
 * `rcfge init` drops it, instead of failing every resource of the type on a template error.
 */
describe('rcfge validate --templates @registry', () => {
  it('judges a security group (the registry GroupDescription pattern is not Java) instead of reporting a template error', async () => {
    const file = scratchStack('Resources:\n  SG:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: web servers\n      VpcId: vpc-1234\n      Typo: x\n');
    const run = await runCli(['validate', file, '--templates', '@registry', '--format', 'json']);
    const sg = byId(JSON.parse(run.stdout) as JsonReport, 'SG');
    // Judged: the finding is the stack's typo, not the template.
    expect(sg.kind).toBe('noncompliant');
    expect(sg.findings.map((f) => `${f.path} ${f.keyword}`)).toEqual(['/Typo additionalProperties']);
  });
});
