import { byId } from '../fixtures/validate/cli';
import { Faces, scratchStack } from '../fixtures/verdicts/faces';

/**
 * Issue 9 item 12: a property the official registry schema of the type does not define is a
 * typo in the stack, not a feature to ask the security team for. Validate says so, with the
 * closest official name (from the built-in registry snapshot); the verdict and the finding's
 * path stay those of the Hook, whose message is unchanged.
 */
let faces: Faces;
beforeAll(async () => {
  faces = await Faces.start();
});
afterAll(async () => faces.close());

async function bucket(properties: string, sent: Record<string, unknown>) {
  const run = await faces.validate(scratchStack(`Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n${properties}`));
  const hook = await faces.hook(faces.request('AWS::S3::Bucket', sent, { logicalId: 'B' }));
  return { findings: byId(run.report!, 'B').findings, hook };
}

describe('typos against the official registry schema', () => {
  it('VersioningConfig: not a property of AWS::S3::Bucket, did you mean VersioningConfiguration', async () => {
    const { findings, hook } = await bucket('      VersioningConfig: {Status: Enabled}\n', { VersioningConfig: { Status: 'Enabled' } });
    expect(findings.map((f) => [f.path, f.keyword, f.message])).toEqual([
      ['/VersioningConfig', 'additionalProperties', expect.stringMatching(/^`VersioningConfig` is not a property of AWS::S3::Bucket \(did you mean `VersioningConfiguration`\?\)/)],
    ]);
    expect(hook).toMatchObject({ verdict: 'FAIL', paths: ['/VersioningConfig additionalProperties'] });
    expect(hook.message).toMatch(/VersioningConfig/);
  });

  it('a nested typo names where it is', async () => {
    const { findings } = await bucket('      VersioningConfiguration: {Status: Enabled, Statuss: Enabled}\n', {});
    expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/^`Statuss` is not a property of AWS::S3::Bucket at \/VersioningConfiguration \(did you mean `Status`\?\)/)]);
  });

  it('a real property the template does not approve keeps the "not approved" words (a request to the security team)', async () => {
    const { findings } = await bucket('      AccelerateConfiguration: {AccelerationStatus: Enabled}\n', {});
    expect(findings.map((f) => [f.path, f.message])).toEqual([['/AccelerateConfiguration', expect.stringMatching(/not approved by template/)]]);
  });

  it('a name far from every official one is still called out, without a guess', async () => {
    const { findings } = await bucket('      Frobnicate: yes\n', {});
    expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/^`Frobnicate` is not a property of AWS::S3::Bucket: check the spelling/)]);
  });
});
