import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Enforcer } from '../../../src/engine/enforcer';
import { CachingTemplateProvider } from '../../../src/store/caching-provider';
import { DirectoryTemplateStore } from '../../../src/store/directory-store';
import type { FetchResult, TemplateStore } from '../../../src/store/types';
import { testContext } from '../../support/context';
import { templateDir } from '../../support/template-dir';

const CATALOGUE = readFileSync(join(__dirname, '..', '..', 'fixtures', 'iam', 'iam-actions.json'), 'utf8');

/** A managed-policy-like template: the statement schema carries the keyword. */
function policyTemplate(options: unknown = true, extra: Record<string, unknown> = {}) {
  return {
    typeName: 'AWS::IAM::ManagedPolicy',
    type: 'object',
    additionalProperties: false,
    required: ['PolicyDocument'],
    properties: {
      PolicyDocument: {
        type: 'object',
        additionalProperties: false,
        required: ['Statement'],
        properties: { Version: { type: 'string' }, Statement: { type: 'array', items: { $ref: '#/definitions/Statement' } } },
        ...extra,
      },
    },
    definitions: {
      Statement: {
        type: 'object',
        policyStatement: options,
        additionalProperties: false,
        properties: { Sid: { type: 'string' }, Effect: { type: 'string', enum: ['Allow', 'Deny'] }, Action: {}, NotAction: {}, Resource: {}, NotResource: {}, Condition: { type: 'object' } },
      },
    },
  };
}

const queueTemplate = { typeName: 'AWS::SQS::Queue', type: 'object', additionalProperties: false, properties: { QueueName: { type: 'string' } } };

/** The directory store, counting what the engine asks it for. */
class CountingStore implements TemplateStore {
  readonly fetched: string[] = [];
  constructor(private readonly inner: DirectoryTemplateStore) {}
  locationOf(file: string): string {
    return this.inner.locationOf(file);
  }
  fetch(file: string, knownEtag?: string): Promise<FetchResult> {
    this.fetched.push(file);
    return this.inner.fetch(file, knownEtag);
  }
}

function setup(files: Record<string, unknown>) {
  const t = templateDir(files);
  const store = new CountingStore(new DirectoryTemplateStore(t.dir));
  const provider = new CachingTemplateProvider(store, { ttlMs: 60_000, maxStaleMs: 0 });
  return { enforcer: new Enforcer(provider, { missingTemplateAction: 'FAIL' }), store, provider, remove: t.remove };
}

const policy = (statements: unknown[], operation: 'CREATE' | 'UPDATE' | 'DELETE' = 'CREATE') => ({
  typeName: 'AWS::IAM::ManagedPolicy',
  logicalId: 'Policy',
  operation,
  properties: { PolicyDocument: { Version: '2012-10-17', Statement: statements } },
});
const ctx = (params: Record<string, string | string[]> = {}) => testContext('AWS::IAM::ManagedPolicy', 'Policy', params);

/** The Enforcer's verdict on one Allow statement under these template files: it must fail closed as a template error; returns its message. */
async function templateError(files: Record<string, unknown>, action = 's3:GetObject'): Promise<string> {
  const s = setup(files);
  try {
    const verdict = await s.enforcer.check(policy([{ Effect: 'Allow', Action: action, Resource: '*' }]), ctx());
    expect(verdict).toMatchObject({ status: 'FAIL', kind: 'template-error' });
    return verdict.message;
  } finally {
    s.remove();
  }
}

describe('the Enforcer and the IAM catalogue', () => {
  it('judges statements with the catalogue beside the templates; findings point at the entry', async () => {
    const s = setup({ 'aws-iam-managedpolicy.json': policyTemplate(), 'iam-actions.json': CATALOGUE });
    try {
      const ok = await s.enforcer.check(policy([{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' }]), ctx());
      expect(ok).toMatchObject({ status: 'PASS', kind: 'compliant' });
      const bad = await s.enforcer.check(policy([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjects'], Resource: 'arn:aws:s3:::b/*' }]), ctx());
      expect(bad).toMatchObject({ status: 'FAIL', kind: 'noncompliant' });
      expect(bad.findings).toEqual([
        {
          path: '/PolicyDocument/Statement/0/Action/1',
          keyword: 'policyStatement',
          rule: 'RCFGE-IAM-3',
          title: 'Policy actions are in the approved IAM catalogue',
          remediation: expect.stringContaining('Fix the spelling'),
          message: '"s3:GetObjects" is not in the approved IAM catalogue (did you mean s3:GetObject?)',
        },
      ]);
      expect(bad.message).toContain('[RCFGE-IAM-3] Policy actions are in the approved IAM catalogue: /PolicyDocument/Statement/0/Action/1 "s3:GetObjects" is not in the approved IAM catalogue (did you mean s3:GetObject?)');
    } finally {
      s.remove();
    }
  });

  it('fetches the catalogue only for templates that use the keyword, never for a delete, and once per TTL', async () => {
    const s = setup({ 'aws-iam-managedpolicy.json': policyTemplate(), 'aws-sqs-queue.json': queueTemplate, 'iam-actions.json': CATALOGUE });
    try {
      await s.enforcer.check({ typeName: 'AWS::SQS::Queue', logicalId: 'Q', operation: 'CREATE', properties: {} }, ctx());
      await s.enforcer.check(policy([], 'DELETE'), ctx());
      expect(s.store.fetched).toEqual(['aws-sqs-queue.json', 'aws-iam-managedpolicy.json']);
      await s.enforcer.check(policy([{ Effect: 'Deny', Action: '*', Resource: '*' }]), ctx());
      await s.enforcer.check(policy([{ Effect: 'Deny', Action: '*', Resource: '*' }]), ctx());
      expect(s.store.fetched).toEqual(['aws-sqs-queue.json', 'aws-iam-managedpolicy.json', 'iam-actions.json']);
      // Warm: both fresh in the cache, the verdict needs no I/O at all.
      const warm = s.enforcer.checkCached(policy([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]), ctx());
      expect(warm).toMatchObject({ status: 'FAIL', findings: [expect.objectContaining({ path: '/PolicyDocument/Statement/0/Action' })] });
    } finally {
      s.remove();
    }
  });

  it('fails closed, saying what to publish, when the catalogue is missing', async () => {
    const s = setup({ 'aws-iam-managedpolicy.json': policyTemplate() });
    try {
      const verdict = await s.enforcer.check(policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]), ctx());
      expect(verdict).toMatchObject({ status: 'FAIL', kind: 'template-error' });
      expect(verdict.message).toMatch(/judges policy statements against the approved IAM catalogue, but there is no readable catalogue at .*iam-actions\.json \(file not found\)\. The Hook fails closed; the security team publishes iam-actions\.json beside the templates \(rcfge publish\)\./);
      // Deleting needs no catalogue.
      expect(await s.enforcer.check(policy([], 'DELETE'), ctx())).toMatchObject({ status: 'PASS', kind: 'delete-allowed' });
    } finally {
      s.remove();
    }
  });

  it('fails closed on a catalogue that is not the documented shape', async () => {
    for (const [body, reason] of [
      ['{"source": "x", "retrieved": "y", "services": {}}', '"services" is empty'],
      ['{"source": "x", "retrieved": "y", "services": {"S3": ["GetObject"]}}', 'service prefix "S3" must be lower-case'],
      ['{"source": "x", "retrieved": "y", "services": {"s3": ["Get Object"]}}', 'holds "Get Object", which is not an action name'],
      ['not json', 'not valid JSON'],
    ]) {
      expect(await templateError({ 'aws-iam-managedpolicy.json': policyTemplate(), 'iam-actions.json': body })).toContain(reason);
    }
  });

  it('takes approvals of privileged actions from a TemplateParameters list', async () => {
    const s = setup({ 'aws-iam-managedpolicy.json': policyTemplate({ approved: ['$<param:ApprovedPrivilegedActions>'] }), 'iam-actions.json': CATALOGUE });
    try {
      const passRole = policy([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }]);
      expect(await s.enforcer.check(passRole, ctx({ ApprovedPrivilegedActions: [] }))).toMatchObject({ status: 'FAIL', findings: [expect.objectContaining({ path: '/PolicyDocument/Statement/0/Action' })] });
      expect(await s.enforcer.check(passRole, ctx({ ApprovedPrivilegedActions: ['iam:PassRole'] }))).toMatchObject({ status: 'PASS' });
      // TemplateParameters without the list (a type configuration older than the parameter): nothing is
      // approved, the template still judges (a template error would fail every resource of the type).
      const missing = await s.enforcer.check(passRole, ctx());
      expect(missing).toMatchObject({ status: 'FAIL', findings: [expect.objectContaining({ rule: 'RCFGE-IAM-5', path: '/PolicyDocument/Statement/0/Action' })] });
      expect(missing.kind).not.toBe('template-error');
      expect(await s.enforcer.check(policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]), ctx())).toMatchObject({ status: 'PASS' });
      const typo = await s.enforcer.check(passRole, ctx({ ApprovedPrivilegedActions: ['iam:Pass*'] }));
      expect(typo).toMatchObject({ status: 'FAIL', kind: 'template-error' });
      expect(typo.message).toContain('policyStatement.approved: "iam:Pass*" must be one action written service:Action, without wildcards');
    } finally {
      s.remove();
    }
  });

  it('fails closed when the list of privileged actions names an undefined parameter (an empty list would approve them all)', async () => {
    const files = { 'aws-iam-managedpolicy.json': policyTemplate({ privileged: ['$<param:PrivilegedActions>'] }), 'iam-actions.json': CATALOGUE };
    expect(await templateError(files, 'iam:PassRole')).toContain('unknown placeholder $<param:PrivilegedActions>');
  });

  it('refuses a misspelt keyword option at compile time (a template error, not a silent default)', async () => {
    const files = { 'aws-iam-managedpolicy.json': policyTemplate({ aproved: ['iam:PassRole'] }), 'iam-actions.json': CATALOGUE };
    expect(await templateError(files)).toContain('policyStatement has unknown option(s) aproved; the options are privileged, approved, wildcards');
  });

  it('maxPolicyLength counts the document as IAM does (no whitespace) and refuses it above the quota (RCFGE-IAM-7)', async () => {
    const s = setup({ 'aws-iam-managedpolicy.json': policyTemplate(true, { maxPolicyLength: 120 }), 'iam-actions.json': CATALOGUE });
    try {
      const short = policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }]);
      expect(await s.enforcer.check(short, ctx())).toMatchObject({ status: 'PASS' });
      const long = policy([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::a-much-longer-bucket-name/*' }]);
      const verdict = await s.enforcer.check(long, ctx());
      expect(verdict.findings).toEqual([expect.objectContaining({ path: '/PolicyDocument', keyword: 'maxPolicyLength', rule: 'RCFGE-IAM-7', message: expect.stringMatching(/^the policy is 1\d\d characters without whitespace; the IAM quota is 120/) })]);
    } finally {
      s.remove();
    }
  });
});
