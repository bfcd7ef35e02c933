import { runCli } from '../fixtures/validate/cli';

describe('rcfge demo (npm start)', () => {
  afterAll(() => {
    delete process.env.AWS_ENDPOINT_URL_S3;
  });

  it('runs the real handler on every example request against a local S3 server, one line each, as promised', async () => {
    const run = await runCli(['demo'], { env: { ...process.env } });
    const lines = run.stdout.split('\n');
    expect(run.code).toBe(0);
    expect(lines[0]).toMatch(/^Local S3 server at http:\/\/127\.0\.0\.1:\d+: uploaded \d+ templates to s3:\/\/rcfge-templates\/templates\/$/);
    expect(lines.slice(1).map((l) => l.split(':')[0])).toEqual([
      'SUCCESS  1-bucket-own-topic.compliant.json',
      'FAILED NonCompliant  2-bucket-foreign-topic.noncompliant.json',
      'FAILED NonCompliant  3-bucket-new-feature.noncompliant.json',
      'FAILED NonCompliant  4-type-not-approved.noncompliant.json',
      'FAILED NonCompliant  5-stack-three-violations.noncompliant.json',
      'FAILED NonCompliant  6-change-set-drops-key.noncompliant.json',
      'FAILED NonCompliant  7-role-misspelt-action.noncompliant.json',
    ]);
    expect(lines[2]).toContain('/NotificationConfiguration/TopicConfigurations/0/Topic');
    expect(lines[3]).toContain('"NewFeature" is not approved');
    // The stack-level requests fetch their payloads from presigned URLs of the local S3 server.
    expect(lines[5]).toContain('Stack demo-stack (creation): 3 of 4 judged resources fail: AppLogs (AWS::Logs::LogGroup), JobQueue (AWS::SQS::Queue), Alerts (AWS::SNS::Topic).');
    expect(lines[6]).toContain('Change set drop-data-key of stack demo-stack: 1 of 4 judged resources fails: DataKey (AWS::KMS::Key).');
    // Policies are judged against the approved IAM catalogue published beside the templates.
    expect(lines[7]).toContain('[RCFGE-IAM-3] Policy actions are in the approved IAM catalogue: /Policies/0/PolicyDocument/Statement/0/Action/1 "s3:GetObjects" is not in the approved IAM catalogue (did you mean s3:GetObject?)');
  });
});
