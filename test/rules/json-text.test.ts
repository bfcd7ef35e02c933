import { readJsonObject } from '../../src/engine/keywords/json-object';
import { essence, Faces } from './support/faces';

/**
 * Object-or-string unions (issue 10 item 4): CloudFormation accepts the JSON text of an
 * object where the registry types a property ["object","string"] (SQS RedrivePolicy,
 * policy documents). Where a template approves the object, its JSON text is parsed and
 * judged as the object, through the Hook and `rcfge validate` alike.
 */
const TYPE = 'AWS::SQS::Queue';
const redrive = {
  type: 'object',
  additionalProperties: false,
  properties: {
    deadLetterTargetArn: { type: 'string', pattern: '^arn:aws:sqs:us-east-1:123456789012:[A-Za-z0-9_-]+$' },
    maxReceiveCount: { type: 'integer', maximum: 10 },
  },
};
const template = {
  typeName: TYPE,
  type: 'object',
  additionalProperties: false,
  properties: {
    RedrivePolicy: redrive,
    // A hand-written union: the string branch must not carry what the object form is refused for.
    RedriveAllowPolicy: { ...redrive, type: ['object', 'string'] },
    Nested: { type: 'object', additionalProperties: false, properties: { Inner: { $ref: '#/definitions/Inner' } } },
    // Closed but without "type": JSON Schema lets every string pass such a schema untouched.
    Untyped: { additionalProperties: false, properties: redrive.properties },
  },
  definitions: { Inner: { type: 'object', additionalProperties: false, properties: { Flag: { type: 'boolean', const: true } } } },
};

const OWN = 'arn:aws:sqs:us-east-1:123456789012:dlq';
const FOREIGN = 'arn:aws:sqs:us-east-1:444455556666:dlq';

let faces: Faces;
beforeAll(async () => {
  faces = await Faces.start({ 'aws-sqs-queue.json': template });
});
afterAll(() => faces.close());

async function agreed(properties: unknown): Promise<string[]> {
  const { hook, validate } = await faces.both(TYPE, properties);
  expect(essence(hook)).toEqual(essence(validate));
  expect(hook.status).toBe(validate.status);
  return essence(validate);
}

describe('the JSON text of an approved object is judged as the object', () => {
  it('accepts the JSON text of a compliant object where only the object is approved', async () => {
    expect(await agreed({ RedrivePolicy: JSON.stringify({ deadLetterTargetArn: OWN, maxReceiveCount: 5 }) })).toEqual([]);
  });

  it('refuses JSON text carrying a foreign queue and an unapproved key, exactly as the object', async () => {
    const object = { deadLetterTargetArn: FOREIGN, Anything: { x: 1 } };
    const asText = await agreed({ RedrivePolicy: JSON.stringify(object) });
    expect(asText).toEqual(await agreed({ RedrivePolicy: object }));
    expect(asText.map((f) => f.split(' ')[0])).toEqual(['/RedrivePolicy/Anything', '/RedrivePolicy/deadLetterTargetArn']);
  });

  it('judges the JSON text in a hand-written ["object","string"] union too', async () => {
    expect(await agreed({ RedriveAllowPolicy: JSON.stringify({ deadLetterTargetArn: FOREIGN }) })).toEqual([expect.stringMatching(/^\/RedriveAllowPolicy\/deadLetterTargetArn \[RCFGE.pattern\]/)]);
    expect(await agreed({ RedriveAllowPolicy: 'plain text, not JSON' })).toEqual([]);
  });

  it('refuses a string that is not JSON where only the object form is approved', async () => {
    expect(await agreed({ RedrivePolicy: 'deadLetterTargetArn=x' })).toEqual(['/RedrivePolicy [RCFGE.type] value "deadLetterTargetArn=x" must be of type object']);
    expect(await agreed({ RedrivePolicy: '["not", "an object"]' })).toEqual(['/RedrivePolicy [RCFGE.type] value "[\\"not\\", \\"an object\\"]" must be of type object']);
    expect(await agreed({ RedrivePolicy: '{"deadLetterTargetArn": "x",}' })).toEqual([expect.stringMatching(/^\/RedrivePolicy \[RCFGE.type\] value .* is not valid JSON text of an object; the template approves only the object form$/)]);
  });

  it('refuses JSON text that repeats a key in one object (JSON.parse keeps the last; AWS may read the first)', async () => {
    // The first deadLetterTargetArn is another account's queue; the engine's reading (the last) would pass.
    const text = `{"deadLetterTargetArn": "${FOREIGN}", "deadLetterTargetArn": "${OWN}"}`;
    for (const property of ['RedrivePolicy', 'RedriveAllowPolicy']) {
      expect(await agreed({ [property]: text })).toEqual([expect.stringMatching(new RegExp(`^/${property} \\[RCFGE\\.[a-zA-Z-]+\\] value .* is JSON text that repeats the key "deadLetterTargetArn" in one object`))]);
    }
    expect(await agreed({ Nested: JSON.stringify({ Inner: '{"Flag": false, "Flag": true}' }) })).toEqual([expect.stringMatching(/^\/Nested\/Inner \[RCFGE\.type\] .* repeats the key "Flag"/)]);
  });

  it('tells a repeated key from the same key in two objects, escapes decoded', () => {
    expect(readJsonObject('{"a": {"k": 1}, "b": {"k": 2}, "c": [{"k": 1}, {"k": "}"}], "d": "\\"k\\""}')).toHaveProperty('object');
    expect(readJsonObject('{"a": {"k": 1, "b": [1, {"k": 2}], "k": 3}}')).toEqual({ repeated: 'k' });
    expect(readJsonObject('{"Effect": "Deny", "\\u0045ffect": "Allow"}')).toEqual({ repeated: 'Effect' });
    expect(readJsonObject('["k", "k"]')).toBeUndefined();
  });

  it('judges the JSON text of an object where a closed object schema has no "type"', async () => {
    const object = { deadLetterTargetArn: FOREIGN, Anything: { x: 1 } };
    expect(await agreed({ Untyped: JSON.stringify(object) })).toEqual(await agreed({ Untyped: object }));
    expect((await agreed({ Untyped: JSON.stringify(object) })).map((f) => f.split(' ')[0])).toEqual(['/Untyped/Anything', '/Untyped/deadLetterTargetArn']);
    expect(await agreed({ Untyped: 'plain text' })).toEqual([]);
  });

  it('judges JSON text nested in JSON text, through $ref, with CloudFormation\'s string scalars', async () => {
    const inner = JSON.stringify({ Flag: 'false' });
    expect(await agreed({ Nested: JSON.stringify({ Inner: inner }) })).toEqual([expect.stringMatching(/^\/Nested\/Inner\/Flag \[RCFGE.const\]/)]);
    expect(await agreed({ Nested: JSON.stringify({ Inner: JSON.stringify({ Flag: 'true' }) }) })).toEqual([]);
  });

  it('holds the JSON text to the same depth limit as any value (fails closed)', async () => {
    let deep = '{"Flag": true}';
    for (let i = 0; i < 1200; i++) deep = `{"a": ${deep}}`;
    const findings = await agreed({ Nested: { Inner: deep } });
    expect(findings).toEqual([expect.stringMatching(/^\/Nested\/Inner \[RCFGE.type\]/)]);
  });
});
