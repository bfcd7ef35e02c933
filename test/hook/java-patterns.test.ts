import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { handleHookRequest } from '../../src/hook/handler';
import { HookRuntime } from '../../src/hook/runtime';
import { type JsonReport, runCli } from '../fixtures/validate/cli';
import { builtInRegistry } from '../support/paths';
import { hookRequest } from '../support/requests';
import { templateDir, useTemplateBucket } from '../support/template-dir';

/**
 * Patterns read as java.util.regex, through both faces: the Hook handler (request JSON,
 * templates on a local S3 server) and `rcfge validate`. The registry's own ScalingPolicy
 * schema (PolicyName `\p{Print}+`), and a template a security team may write with Java
 * syntax: an inline flag, an escape under it, POSIX and Unicode classes, and Java's `$`.
 */
const registry = builtInRegistry();
const PARAMETER = {
  typeName: 'AWS::SSM::Parameter',
  type: 'object',
  additionalProperties: true,
  properties: {
    // Not "admin" in any letter case (the escape \x61 is "a" and folds under (?i)); ASCII letters, digits and - _ . /.
    Name: { type: 'string', pattern: '(?i)^(?!\\x61dmin)[\\p{Alnum}/_.-]+$' },
    // Letters, digits and spaces of every script, and - or _ (Java reads `-_` after \p{Z} as two literals).
    Description: { type: 'string', pattern: '^[\\p{L}\\p{N}\\p{Z}-_]*$' },
    // A value and nothing more: Java's \z, unlike $, allows no final line break.
    Value: { type: 'string', pattern: '^[a-z]+\\z' },
    // Java's $ also matches before a final line break.
    AllowedPattern: { type: 'string', pattern: '^[a-z]+$' },
  },
};
const templates = templateDir({ 'aws-applicationautoscaling-scalingpolicy.json': registry.text('aws-applicationautoscaling-scalingpolicy.json') as string, 'aws-ssm-parameter.json': PARAMETER });

interface Case {
  readonly type: string;
  readonly properties: Record<string, string>;
  readonly verdict: 'PASS' | 'FAIL';
}

const policy = (name: string): Record<string, string> => ({ PolicyName: name, PolicyType: 'TargetTrackingScaling', ScalingTargetId: 'service/cluster/web' });
const CASES: Case[] = [
  { type: 'AWS::ApplicationAutoScaling::ScalingPolicy', properties: policy('cpu-target-tracking'), verdict: 'PASS' },
  { type: 'AWS::ApplicationAutoScaling::ScalingPolicy', properties: policy('Scale out at 70% CPU'), verdict: 'PASS' },
  { type: 'AWS::ApplicationAutoScaling::ScalingPolicy', properties: policy('\t'), verdict: 'FAIL' }, // unanchored: only a value without one printable character fails
  { type: 'AWS::SSM::Parameter', properties: { Name: 'app/db-url' }, verdict: 'PASS' },
  { type: 'AWS::SSM::Parameter', properties: { Name: 'ADMIN-password' }, verdict: 'FAIL' },
  { type: 'AWS::SSM::Parameter', properties: { Name: 'Admin' }, verdict: 'FAIL' },
  { type: 'AWS::SSM::Parameter', properties: { Name: 'x61dmin' }, verdict: 'PASS' },
  { type: 'AWS::SSM::Parameter', properties: { Name: 'café' }, verdict: 'FAIL' },
  { type: 'AWS::SSM::Parameter', properties: { Description: 'Grüße aus Köln 2024 -_' }, verdict: 'PASS' },
  { type: 'AWS::SSM::Parameter', properties: { Description: 'p{L}' }, verdict: 'FAIL' },
  { type: 'AWS::SSM::Parameter', properties: { Value: 'abc' }, verdict: 'PASS' },
  { type: 'AWS::SSM::Parameter', properties: { Value: 'abc\n' }, verdict: 'FAIL' },
  { type: 'AWS::SSM::Parameter', properties: { AllowedPattern: 'abc\n' }, verdict: 'PASS' },
  { type: 'AWS::SSM::Parameter', properties: { AllowedPattern: 'abc\nd' }, verdict: 'FAIL' },
];

const bucket = useTemplateBucket('pattern-templates', templates);

const label = (c: Case) => `${c.type} ${JSON.stringify(c.properties)} -> ${c.verdict}`;

describe('patterns as java.util.regex reads them, on both faces', () => {
  it.each(CASES.map((c) => [label(c), c]))('Hook: %s', async (_label, c) => {
    const request = hookRequest({ typeName: c.type, logicalId: 'Resource', properties: c.properties, hookModel: { TemplateBucket: 'pattern-templates' } });
    const response = await handleHookRequest(JSON.parse(JSON.stringify(request)), new HookRuntime(bucket.env), { env: bucket.env, stdout: () => undefined });
    expect(response.hookStatus === 'SUCCESS' ? 'PASS' : 'FAIL').toBe(c.verdict);
  });

  it('rcfge validate gives every case the same verdict', async () => {
    const resources = CASES.map((c, i) => `  R${i}:\n    Type: ${c.type}\n    Properties: ${JSON.stringify(c.properties)}`).join('\n');
    const file = join(templates.dir, 'stack.yaml');
    writeFileSync(file, `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${resources}\n`);
    const run = await runCli(['validate', file, '--templates', templates.dir, '--format', 'json']);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(CASES.map((c, i) => `${label(c)}: ${report.resources.find((r) => r.logicalId === `R${i}`)?.status}`)).toEqual(CASES.map((c) => `${label(c)}: ${c.verdict}`));
  });
});
