import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { handleHookRequest } from '../../src/hook/handler';
import { HookRuntime } from '../../src/hook/runtime';
import { type JsonReport, runCli } from '../fixtures/validate/cli';
import { builtInRegistry } from '../support/paths';
import { hookRequest } from '../support/requests';
import { templateDir, useTemplateBucket } from '../support/template-dir';

/**
 * Booleans and numbers as CloudFormation reads them, through both faces: the Hook handler
 * (real request JSON, templates on a local S3 server) and `rcfge validate` (a stack
 * template), over the official registry schemas of the two types. The Hook receives the
 * strings CloudFormation sends; validate reads the same value from YAML.
 */
const registry = builtInRegistry();
const FILES = ['aws-sqs-queue.json', 'aws-ec2-dhcpoptions.json'];
const templates = templateDir(Object.fromEntries(FILES.map((file) => [file, registry.text(file) as string])));

interface Case {
  readonly type: string;
  readonly property: string;
  /** What CloudFormation sends the Hook. */
  readonly sent: unknown;
  /** The same value in the stack template. */
  readonly yaml: string;
  readonly verdict: 'PASS' | 'FAIL';
}

const CASES: Case[] = [
  ...['true', 'True', 'TRUE', 'false', 'False', 'FALSE'].flatMap((spelling): Case[] => [
    { type: 'AWS::SQS::Queue', property: 'FifoQueue', sent: spelling, yaml: `'${spelling}'`, verdict: 'PASS' },
    { type: 'AWS::SQS::Queue', property: 'FifoQueue', sent: spelling, yaml: spelling, verdict: 'PASS' },
  ]),
  { type: 'AWS::SQS::Queue', property: 'FifoQueue', sent: '1', yaml: '1', verdict: 'FAIL' },
  { type: 'AWS::SQS::Queue', property: 'FifoQueue', sent: '0', yaml: '0', verdict: 'FAIL' },
  { type: 'AWS::SQS::Queue', property: 'FifoQueue', sent: 'yes', yaml: "'yes'", verdict: 'FAIL' },
  { type: 'AWS::SQS::Queue', property: 'FifoQueue', sent: 'tRUE', yaml: 'tRUE', verdict: 'FAIL' },
  { type: 'AWS::SQS::Queue', property: 'DelaySeconds', sent: '30', yaml: '30', verdict: 'PASS' },
  { type: 'AWS::SQS::Queue', property: 'DelaySeconds', sent: 'true', yaml: 'true', verdict: 'FAIL' },
  { type: 'AWS::EC2::DHCPOptions', property: 'NetbiosNodeType', sent: '2', yaml: '2', verdict: 'PASS' },
  { type: 'AWS::EC2::DHCPOptions', property: 'NetbiosNodeType', sent: '8', yaml: "'8'", verdict: 'PASS' },
  { type: 'AWS::EC2::DHCPOptions', property: 'NetbiosNodeType', sent: '3', yaml: '3', verdict: 'FAIL' },
  { type: 'AWS::EC2::DHCPOptions', property: 'NetbiosNodeType', sent: 'two', yaml: 'two', verdict: 'FAIL' },
];

/** Local tools (rcfge invoke on a hand-written request) send real JSON types: the same reading applies. */
const TYPED: Case[] = [
  { type: 'AWS::SQS::Queue', property: 'FifoQueue', sent: true, yaml: 'true', verdict: 'PASS' },
  { type: 'AWS::SQS::Queue', property: 'FifoQueue', sent: 1, yaml: '1', verdict: 'FAIL' },
  { type: 'AWS::SQS::Queue', property: 'FifoQueue', sent: 0, yaml: '0', verdict: 'FAIL' },
  { type: 'AWS::SQS::Queue', property: 'FifoQueue', sent: null, yaml: 'null', verdict: 'FAIL' },
  { type: 'AWS::EC2::DHCPOptions', property: 'NetbiosNodeType', sent: 4, yaml: '4', verdict: 'PASS' },
  { type: 'AWS::EC2::DHCPOptions', property: 'NetbiosNodeType', sent: 5, yaml: '5', verdict: 'FAIL' },
];

const bucket = useTemplateBucket('values-templates', templates);

const label = (c: Case) => `${c.type} ${c.property}: ${JSON.stringify(c.sent)} -> ${c.verdict}`;

async function hookVerdict(c: Case): Promise<string> {
  const request = hookRequest({ typeName: c.type, logicalId: 'Resource', properties: { [c.property]: c.sent }, hookModel: { TemplateBucket: 'values-templates' } });
  // Through JSON text, as the Lambda runtime hands the event over.
  const response = await handleHookRequest(JSON.parse(JSON.stringify(request)), new HookRuntime(bucket.env), { env: bucket.env, stdout: () => undefined });
  return response.hookStatus === 'SUCCESS' ? 'PASS' : 'FAIL';
}

async function validateVerdicts(cases: readonly Case[]): Promise<string[]> {
  const resources = cases.map((c, i) => `  R${i}:\n    Type: ${c.type}\n    Properties:\n      ${c.property}: ${c.yaml}`).join('\n');
  const file = join(templates.dir, 'stack.yaml');
  writeFileSync(file, `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${resources}\n`);
  const run = await runCli(['validate', file, '--templates', templates.dir, '--format', 'json']);
  const report = JSON.parse(run.stdout) as JsonReport;
  return cases.map((c, i) => `${label(c)}: ${report.resources.find((r) => r.logicalId === `R${i}`)?.status}`);
}

describe('booleans and numbers as CloudFormation reads them', () => {
  it.each(CASES.map((c) => [label(c), c]))('Hook: %s', async (_label, c) => {
    expect(await hookVerdict(c)).toBe(c.verdict);
  });

  it.each(TYPED.map((c) => [label(c), c]))('Hook, typed JSON from a local tool: %s', async (_label, c) => {
    expect(await hookVerdict(c)).toBe(c.verdict);
  });

  it('rcfge validate gives every case the same verdict', async () => {
    // A YAML null is refused by validate's parser before any judging, as CloudFormation refuses it.
    const all = [...CASES, ...TYPED].filter((c) => c.yaml !== 'null');
    expect(await validateVerdicts(all)).toEqual(all.map((c) => `${label(c)}: ${c.verdict}`));
  });
});
