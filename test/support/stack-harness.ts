import { join } from 'node:path';
import { handleHookRequest } from '../../src/hook/handler';
import { HookRuntime } from '../../src/hook/runtime';
import type { HookProgressEvent } from '../../src/hook/types';
import { type LocalS3, startLocalS3, uploadTemplates } from '../../src/local/s3-server';
import { responseProblems } from './invariants';
import { type PayloadServer, startPayloadServer } from './payload-server';
import { ROOT } from './requests';

/**
 * What the stack-level tests share: the baseline templates (prefix `templates/`) and the
 * replacement fixture (prefix `replace/`) on a local S3 server, a payload server, and the
 * real handler with a fresh runtime per call, every response checked against the invariants.
 */
export interface StackHarness {
  readonly s3: LocalS3;
  readonly http: PayloadServer;
  readonly env: NodeJS.ProcessEnv;
  /** Serves a payload at a fresh path; returns its URL. */
  url(body: string): string;
  run(request: unknown, extra?: { env?: NodeJS.ProcessEnv; deadlineMs?: number; stdout?: (line: string) => void }): Promise<HookProgressEvent>;
  close(): Promise<void>;
}

export async function startStackHarness(): Promise<StackHarness> {
  const s3 = await startLocalS3(['rcfge-templates']);
  await uploadTemplates(s3.client, 'rcfge-templates', 'templates/', join(ROOT, 'templates'));
  await uploadTemplates(s3.client, 'rcfge-templates', 'replace/', join(ROOT, 'test', 'fixtures', 'stack', 'templates'));
  const http = await startPayloadServer();
  process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint; // the SDK reads it here, as in production
  const env = { ...process.env, AWS_REGION: 'eu-west-1' };
  let served = 0;
  return {
    s3,
    http,
    env,
    url: (body) => http.serve(`/payload-${++served}.json`, { kind: 'body', body }),
    async run(request, extra = {}) {
      const useEnv = extra.env ?? env;
      const response = await handleHookRequest(request, new HookRuntime(useEnv), { env: useEnv, stdout: extra.stdout ?? (() => undefined), ...(extra.deadlineMs ? { deadlineMs: extra.deadlineMs } : {}) });
      expect(responseProblems(response, request)).toEqual([]);
      return response;
    },
    async close() {
      delete process.env.AWS_ENDPOINT_URL_S3;
      await http.close();
      await s3.close();
    },
  };
}

/** Stack templates for the tests: a compliant KMS key (its template denies deletion) and log group. */
export const KEY = `
  DataKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root'
            Action: 'kms:*'
            Resource: '*'`;

export const LOGS = `
  AuditLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 365`;

export const stack = (...resources: string[]): string => `AWSTemplateFormatVersion: '2010-09-09'\nResources:${resources.join('')}\n`;

/** An archive bucket of the replacement fixture (delete denied, BucketName create-only). */
export const archive = (name: string, attributes = ''): string => stack(`\n  Archive:\n    Type: AWS::S3::Bucket${attributes}\n    Properties:\n      BucketName: ${name}`);

export const REPLACE_MODEL = { TemplateBucket: 'rcfge-templates', TemplatePrefix: 'replace/' };
