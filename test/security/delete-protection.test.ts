/**
 * `x-rcfge.delete: deny` without holes (SECURITY.md, "Delete protection"): a resource that a
 * stack update or a change set removes or replaces is deleted in CloudFormation's cleanup,
 * which no resource-level hook sees; the STACK and CHANGE_SET targets refuse it. Real
 * handler, payloads over real HTTP, templates from the local S3 server.
 */
import { archive, KEY, LOGS, REPLACE_MODEL, stack, type StackHarness, startStackHarness } from '../support/stack-harness';
import { changeSetPayload, examplePayload, stackPayload, stackRequest } from '../support/stack-requests';

let h: StackHarness;
beforeAll(async () => {
  h = await startStackHarness();
});
afterAll(() => h.close());

const update = (template: string, previous: string, hookModel?: Record<string, unknown>) =>
  stackRequest({ point: 'UPDATE_PRE_PROVISION', payload: h.url(stackPayload(template, previous)), ...(hookModel ? { hookModel } : {}) });

describe('STACK update', () => {
  it('refuses an update that removes a resource whose template denies deletion, and passes the same update keeping it', async () => {
    const removing = await h.run(update(stack(LOGS), stack(KEY, LOGS)));
    expect(removing).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(removing.message).toContain('DataKey (AWS::KMS::Key, removed)');
    expect(removing.message).toContain('AWS::KMS::Key DataKey is removed from the stack by this update, which deletes it');
    expect(removing.annotations).toEqual([expect.objectContaining({ status: 'FAILED', severityLevel: 'HIGH' })]);
    expect(await h.run(update(stack(KEY, LOGS), stack(KEY, LOGS)))).toMatchObject({ hookStatus: 'SUCCESS' });
  });

  it('refuses an update whose new Condition is false for a protected resource', async () => {
    const never = `Conditions:\n  Never: !Equals [a, b]\n${stack(KEY.replace('Type: AWS::KMS::Key', 'Type: AWS::KMS::Key\n    Condition: Never'), LOGS)}`;
    expect(await h.run(update(never, stack(KEY, LOGS)))).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
  });

  it('lets an update remove a protected resource the old template retains (DeletionPolicy: Retain)', async () => {
    const retained = stack(KEY.replace('Type: AWS::KMS::Key', 'Type: AWS::KMS::Key\n    DeletionPolicy: Retain'), LOGS);
    expect(await h.run(update(stack(LOGS), retained))).toMatchObject({ hookStatus: 'SUCCESS' });
  });

  it('lets an update remove a resource whose template allows deletion', async () => {
    expect(await h.run(update(stack(KEY), stack(KEY, LOGS)))).toMatchObject({ hookStatus: 'SUCCESS' });
  });

  it('refuses an update that replaces a protected resource (a create-only property changes) unless UpdateReplacePolicy is Retain', async () => {
    const replaced = await h.run(update(archive('archive-v2'), archive('archive-v1'), REPLACE_MODEL));
    expect(replaced).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(replaced.message).toContain('Archive (AWS::S3::Bucket, replaced)');
    expect(replaced.message).toContain('its create-only property /BucketName changes');
    expect(await h.run(update(archive('archive-v1'), archive('archive-v1'), REPLACE_MODEL))).toMatchObject({ hookStatus: 'SUCCESS' });
    expect(await h.run(update(archive('archive-v2', '\n    UpdateReplacePolicy: Retain'), archive('archive-v1'), REPLACE_MODEL))).toMatchObject({ hookStatus: 'SUCCESS' });
  });

  it('refuses a create-only value written differently and known only at deploy time; the same expression passes', async () => {
    const fromParameter = `Parameters:\n  Name:\n    Type: String\n${archive('!Ref Name')}`;
    const unknown = await h.run(update(fromParameter, archive('archive-v1'), REPLACE_MODEL));
    expect(unknown).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(unknown.message).toContain('its create-only property /BucketName may change');
    expect(await h.run(update(fromParameter, fromParameter, REPLACE_MODEL))).toMatchObject({ hookStatus: 'SUCCESS' });
  });
});

describe('STACK delete', () => {
  it('refuses a stack deletion whose payload shows a resource that may not be deleted', async () => {
    const response = await h.run(stackRequest({ point: 'DELETE_PRE_PROVISION', payload: h.url(stackPayload('', stack(KEY, LOGS))) }));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toContain('DataKey');
  });
});

describe('CHANGE_SET', () => {
  const changeSet = (payload: string, hookModel?: Record<string, unknown>) => stackRequest({ target: 'CHANGE_SET', payload: h.url(payload), ...(hookModel ? { hookModel } : {}) });

  it('refuses a change set that deletes a resource whose template denies deletion', async () => {
    const response = await h.run(changeSet(examplePayload('6-change-set-drops-key.noncompliant.json')));
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    // DeletionPolicy: Retain cannot help here (the payload does not show it): the message says what does.
    expect(response.message).toMatch(
      /^Change set app-change of stack app-stack: 1 of 4 judged resources fails: DataKey \(AWS::KMS::Key\)\. AWS::KMS::Key DataKey is deleted by this change set, which does not show DeletionPolicy \(to remove a resource the stack retains, update the stack directly: the STACK check reads the old template\): AWS::KMS::Key DataKey may not be deleted/,
    );
    expect(response.annotations).toEqual([expect.objectContaining({ status: 'FAILED', severityLevel: 'HIGH' })]);
  });

  it('lets a change set delete what the template allows, and what the context says is retained', async () => {
    const drop = (type: string, extra = {}) => JSON.stringify({ template: '', changedResources: [{ action: 'DELETE', logicalResourceId: 'R', resourceType: type, beforeContext: JSON.stringify({ Properties: {}, ...extra }), afterContext: null }] });
    expect(await h.run(changeSet(drop('AWS::Logs::LogGroup')))).toMatchObject({ hookStatus: 'SUCCESS' });
    expect(await h.run(changeSet(drop('AWS::KMS::Key', { DeletionPolicy: 'Retain' })))).toMatchObject({ hookStatus: 'SUCCESS' });
  });

  it('refuses a change that replaces a protected resource', async () => {
    const replace = (after: string) => changeSet(changeSetPayload([{ action: 'UPDATE', logicalId: 'Archive', type: 'AWS::S3::Bucket', before: { BucketName: 'archive-v1' }, after: { BucketName: after } }]), REPLACE_MODEL);
    expect(await h.run(replace('archive-v1'))).toMatchObject({ hookStatus: 'SUCCESS' });
    const replaced = await h.run(replace('archive-v2'));
    expect(replaced).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(replaced.message).toContain('Archive (AWS::S3::Bucket, replaced)');
    expect((await h.run(replace('{{changeSet:KNOWN_AFTER_APPLY}}'))).message).toContain('may change');
  });
});
