import { type JsonResource, runCli } from '../fixtures/validate/cli';

/**
 * The project checks its own deployment templates with its own engine: every resource
 * of the three StackSets templates validates against the official registry schema of its
 * type. Conditions hide resources per mode, so each template runs in every mode, and
 * every resource must have been judged (PASS) in at least one of them.
 */
const RUNS: Record<string, string[][]> = {
  // The StackSet exists once the member template is uploaded; its targets are deployment inputs.
  'stacksets/rcfge-admin.yaml': [
    [
      '--parameter-overrides',
      'MemberTemplateURL=https://rcfge-artifacts-111111111111-us-east-1.s3.us-east-1.amazonaws.com/releases/1/rcfge-member.yaml',
      '--parameter-overrides',
      'TargetOrganizationalUnitIds=ou-abcd-11111111,ou-abcd-22222222',
      '--parameter-overrides',
      'TargetRegions=us-east-1,eu-west-1',
    ],
    ['--parameter-overrides', 'DeploymentRole=ArtifactsOnly'],
  ],
  'stacksets/rcfge-member.yaml': [
    ['--parameter-overrides', 'HookMode=Registered'],
    ['--parameter-overrides', 'HookMode=Lambda'],
    // Every optional part: the alarm, the audit role, the AWS Config rule.
    ...['Registered', 'Lambda'].map((mode) => [
      '--parameter-overrides', `HookMode=${mode}`,
      '--parameter-overrides', 'AlarmTopicName=rcfge-alarms',
      '--parameter-overrides', 'AlarmTopicAccountId=444455556666',
      '--parameter-overrides', 'AuditAccountId=111111111111',
      '--parameter-overrides', 'ConfigRule=Enabled',
    ]),
  ],
  'stacksets/rcfge-scp.yaml': [[], ['--parameter-overrides', 'ConfigRuleProtection=Enabled']],
};

describe('stacksets against the registry schemas (rcfge validate --templates @registry)', () => {
  it.each(Object.entries(RUNS))('%s: every resource passes its registry schema in some mode, none fails', async (file, modes) => {
    const judged = new Set<string>();
    const all = new Set<string>();
    for (const extra of modes) {
      const run = await runCli(['validate', file, '--templates', '@registry', '--format', 'json', ...extra]);
      const report = JSON.parse(run.stdout) as { compliant: boolean; resources: JsonResource[] };
      expect({ mode: extra, code: run.code, failed: report.resources.filter((r) => r.status === 'FAIL') }).toEqual({ mode: extra, code: 0, failed: [] });
      for (const r of report.resources) {
        all.add(r.logicalId);
        if (r.status === 'PASS') judged.add(r.logicalId);
      }
    }
    expect([...all].filter((id) => !judged.has(id))).toEqual([]);
  });
});
