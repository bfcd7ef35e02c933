import fc from 'fast-check';
import { isScalar, parseDocument, visit } from 'yaml';
import { type JsonReport } from '../fixtures/validate/cli';
import { Faces, findingKeys, scratchStack } from '../fixtures/verdicts/faces';
import { fuzzSettings, fuzzTimeout, share } from '../support/fuzz';

/**
 * Parity (issue 9 acceptance): the Hook handler and `rcfge validate` over the same inputs
 * give the same verdict and the same finding paths, resource by resource. Stacks are
 * generated from value pools that mix what YAML types (numbers with leading zeros or a
 * trailing .0, booleans in every spelling, yes/no, quoted numbers), typos, unapproved and
 * nested properties. The Hook gets what CloudFormation sends, derived independently of
 * src/cfn: the same text read with YAML's failsafe schema (every scalar a string as
 * written; plain yes/no/on/off, YAML 1.1 booleans, as true/false), JSON-less and function-less, so nothing of validate's own pipeline is reused.
 */
const settings = share(fuzzSettings('verdict parity', 2000), 20);

let faces: Faces;
beforeAll(async () => {
  faces = await Faces.start();
});
afterAll(async () => faces.close());

const pick = <T>(...values: T[]) => fc.constantFrom(...values);

/** `Key: value` lines for one resource's properties, each property present or not. */
function propertiesOf(entries: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<string[]> {
  return fc.record(Object.fromEntries(Object.entries(entries).map(([key, values]) => [key, fc.option(values, { nil: undefined })]))).map((chosen) =>
    Object.entries(chosen)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([key, value]) => `${key}: ${value}`),
  );
}

const BOOLEANS = pick('true', 'True', 'TRUE', 'false', 'False', 'FALSE', '1', '0', 'yes', 'no', "'true'", '"False"', "'0'");
const NUMBERS = pick('5', '0005', '5.0', '900', '901', '-1', "'10'", '1e2', '0x10', 'five');

const RESOURCES: Record<string, fc.Arbitrary<string[]>> = {
  'AWS::SQS::Queue': propertiesOf({
    QueueName: pick('orders', 'Bad_Name', 'q.fifo', "'007'", '7.50'),
    FifoQueue: BOOLEANS,
    DelaySeconds: NUMBERS,
    RedriveAllowPolicy: pick('{redrivePermission: allowAll}', '{redrivePermission: nope}', '{redrivePermision: allowAll}', '{sourceQueueArns: [a, 1]}'),
    Tags: pick('[{Key: team, Value: 1.10}]', '[{Key: team}]', '[{Key: a, Value: b, Extra: c}]'),
    QueueNmae: pick('typo'),
  }),
  'AWS::SSO::Assignment': propertiesOf({
    TargetId: pick('012345678901', '123456789012', '12345678901', '1.23456789012e11', "'012345678901'"),
    TargetType: pick('AWS_ACCOUNT', 'aws_account', 'True'),
  }),
  'AWS::CodeBuild::Project': propertiesOf({
    SourceVersion: pick('2.0', '2', '2.10', "'2.0'", '02.0'),
    TimeoutInMinutes: NUMBERS,
  }),
  'AWS::S3::Bucket': propertiesOf({
    BucketName: pick('data', "'1'", '2.0'),
    VersioningConfiguration: pick('{Status: Enabled}', '{Status: enabled}', '{Statuss: Enabled}', '{}'),
    VersioningConfig: pick('{Status: Enabled}'),
  }),
  'AWS::S3::BucketPolicy': fc
    .tuple(pick('false', 'False', "'false'", '0', "'0'", 'no', 'true'), pick('Deny', 'Allow'), fc.boolean())
    .map(([secure, effect, extra]) => [
      'Bucket: data',
      `PolicyDocument: {Statement: [{Effect: ${effect}, Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::data/*', Condition: {Bool: {'aws:SecureTransport': ${secure}}}}${extra ? ", {Effect: Allow, Principal: '*', Action: 's3:GetObject'}" : ''}]}`,
    ]),
  'AWS::SNS::Topic': propertiesOf({
    DisplayName: pick('short', `'${'x'.repeat(101)}'`, '100'),
    DataProtectionPolicy: pick('{a: {b: [1, {c: true}]}}', "'{\"a\": 1}'", '[1]'),
  }),
};

const stacks = fc.array(fc.tuple(fc.constantFrom(...Object.keys(RESOURCES)), fc.nat()), { minLength: 1, maxLength: 4 }).chain((chosen) =>
  fc.tuple(...chosen.map(([type]) => RESOURCES[type].map((lines) => ({ type, lines })))),
);

function stackText(resources: ReadonlyArray<{ type: string; lines: string[] }>): string {
  const body = resources
    .map(({ type, lines }, i) => `  R${i}:\n    Type: ${type}\n${lines.length ? `    Properties:\n${lines.map((l) => `      ${l}\n`).join('')}` : ''}`)
    .join('');
  return `Resources:\n${body}`;
}

/** YAML 1.1 reads these plain words as booleans, and CloudFormation reads YAML 1.1. */
const YAML_11_TRUE = /^(?:yes|Yes|YES|on|On|ON)$/;
const YAML_11_FALSE = /^(?:no|No|NO|off|Off|OFF)$/;

/** What CloudFormation sends for each resource: every scalar a string, as written (YAML failsafe schema), YAML 1.1 booleans as true/false. */
function sentProperties(text: string): Record<string, unknown> {
  const parsed = parseDocument(text, { schema: 'failsafe' });
  visit(parsed, {
    Scalar(_key, node) {
      if (!isScalar(node) || node.type !== 'PLAIN' || typeof node.value !== 'string') return;
      if (YAML_11_TRUE.test(node.value)) node.value = 'true';
      else if (YAML_11_FALSE.test(node.value)) node.value = 'false';
    },
  });
  const doc = parsed.toJS() as { Resources: Record<string, { Properties?: unknown }> };
  return Object.fromEntries(Object.entries(doc.Resources).map(([id, body]) => [id, body.Properties ?? {}]));
}

describe('the Hook and rcfge validate agree on generated stacks', () => {
  it(
    'same verdict and finding paths for every resource',
    async () => {
      let compared = 0;
      await fc.assert(
        fc.asyncProperty(stacks, async (resources) => {
          const text = stackText(resources);
          const run = await faces.validate(scratchStack(text));
          const report = run.report as JsonReport;
          const sent = sentProperties(text);
          for (const [i, { type }] of resources.entries()) {
            const id = `R${i}`;
            const result = report.resources.find((r) => r.logicalId === id);
            const hook = await faces.hook(faces.request(type, sent[id], { logicalId: id }));
            const validateSide = { id, text, verdict: result?.status, paths: findingKeys(result?.findings ?? []) };
            expect(validateSide).toEqual({ id, text, verdict: hook.verdict, paths: hook.paths });
            compared++;
          }
        }),
        { numRuns: settings.numRuns, seed: settings.seed },
      );
      expect(compared).toBeGreaterThan(0);
    },
    fuzzTimeout(settings, 400),
  );
});
