import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templateDir } from '../support/template-dir';
import { runCli } from './run-cli';

const CATALOGUE = readFileSync(join(__dirname, '..', 'fixtures', 'iam', 'iam-actions.json'), 'utf8');
const judging = {
  typeName: 'AWS::IAM::ManagedPolicy',
  type: 'object',
  additionalProperties: false,
  properties: { PolicyDocument: { type: 'object', additionalProperties: false, properties: { Statement: { type: 'array', items: { type: 'object', additionalProperties: false, policyStatement: true, properties: { Effect: { type: 'string' }, Action: { type: 'string' } } } } } } },
};

describe('rcfge lint and the IAM catalogue', () => {
  it('is clean with a valid catalogue beside a template that uses it, and does not lint the catalogue as a template', async () => {
    const t = templateDir({ 'aws-iam-managedpolicy.json': judging, 'iam-actions.json': CATALOGUE });
    try {
      const run = await runCli(['lint', t.dir]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('1 template(s): 0 error(s)');
    } finally {
      t.remove();
    }
  });

  it('refuses a folder whose templates judge policies without a catalogue (publishing it would fail every such resource)', async () => {
    const t = templateDir({ 'aws-iam-managedpolicy.json': judging });
    try {
      const run = await runCli(['lint', t.dir]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`${join(t.dir, 'iam-actions.json')}: error [iam-catalogue] /: aws-iam-managedpolicy.json judges policy statements against the approved IAM catalogue, but the folder has no iam-actions.json`);
    } finally {
      t.remove();
    }
  });

  it('refuses an invalid catalogue, even when no template uses it yet', async () => {
    const queue = { typeName: 'AWS::SQS::Queue', type: 'object', additionalProperties: false, properties: {} };
    const t = templateDir({ 'aws-sqs-queue.json': queue, 'iam-actions.json': '{"source": "x", "retrieved": "y", "services": {"s3": "GetObject"}}' });
    try {
      const run = await runCli(['lint', t.dir]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('error [iam-catalogue] /: "services"."s3" must be a list of action names');
    } finally {
      t.remove();
    }
  });
});
