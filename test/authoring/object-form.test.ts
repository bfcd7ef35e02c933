import { checkStringForms } from '../../src/authoring/lint/string-form';
import { runCli } from './run-cli';
import { essence, Faces } from '../rules/support/faces';
import { templateDir } from '../support/template-dir';

const closed = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'object', additionalProperties: false, properties, ...extra });

describe('lint: no string branch around a closed object', () => {
  it('reports ["object","string"] around a closed object, and a free string beside one in anyOf/oneOf', () => {
    const template = closed(
      {
        Union: { type: ['object', 'string'], additionalProperties: false, properties: { A: { type: 'string' } } },
        ViaRef: { oneOf: [{ type: 'string' }, { $ref: '#/definitions/Closed' }] },
        Named: { anyOf: [{ type: 'string', pattern: '^arn:' }, { $ref: '#/definitions/Closed' }] },
        StringRef: { anyOf: [{ type: 'string' }, { $ref: '#/definitions/Arn' }] },
        AnyText: { anyOf: [{ type: 'string', pattern: '.*' }, { $ref: '#/definitions/Closed' }] },
        Multiline: { oneOf: [{ type: 'string', pattern: '^[\\s\\S]+$' }, { $ref: '#/definitions/Closed' }] },
        OpenUnion: { type: ['object', 'string'], 'x-rcfge': { open: 'free-form JSON' } },
      },
      { definitions: { Closed: closed({ B: { type: 'string' } }), Arn: { type: 'string', pattern: '^arn:' } } },
    );
    expect(checkStringForms(template).map((f) => `${f.severity} ${f.rule} ${f.path}`)).toEqual([
      'error string-form /properties/Union/type',
      'error string-form /properties/ViaRef/oneOf/0',
      'error string-form /properties/AnyText/anyOf/0',
      'error string-form /properties/Multiline/oneOf/0',
    ]);
  });
});

describe('rcfge init approves the object form of object-or-string properties', () => {
  let faces: Faces;
  let template: Record<string, any>;

  beforeAll(async () => {
    const init = await runCli(['init', 'AWS::SQS::Queue', '--allow', 'RedrivePolicy,QueueName']);
    expect(init.code).toBe(0);
    template = JSON.parse(init.stdout);
    faces = await Faces.start({ 'aws-sqs-queue.json': template });
  });
  afterAll(() => faces.close());

  it('types RedrivePolicy "object" (the registry says ["object","string"]), closed', () => {
    expect(template.properties.RedrivePolicy).toMatchObject({ type: 'object', additionalProperties: false });
  });

  it('refuses an unapproved key in the JSON text exactly as in the object, through the Hook and validate', async () => {
    const object = { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:444455556666:q', Anything: { x: 1 } };
    const asText = await faces.both('AWS::SQS::Queue', { RedrivePolicy: JSON.stringify(object) });
    const asObject = await faces.both('AWS::SQS::Queue', { RedrivePolicy: object });
    for (const face of [asText.hook, asText.validate, asObject.hook, asObject.validate]) {
      expect(essence(face)).toEqual([expect.stringMatching(/^\/RedrivePolicy\/Anything \[RCFGE.additionalProperties\]/)]);
    }
  });

  it('lints clean, and lint refuses the registry\'s union put back', async () => {
    const dir = templateDir({ 'aws-sqs-queue.json': template });
    const union = templateDir({ 'aws-sqs-queue.json': { ...template, properties: { ...template.properties, RedrivePolicy: { ...template.properties.RedrivePolicy, type: ['object', 'string'] } } } });
    try {
      expect((await runCli(['lint', dir.dir])).code).toBe(0);
      const refused = await runCli(['lint', union.dir]);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toMatch(/error \[string-form\] \/properties\/RedrivePolicy\/type: "type" \["object","string"\] lets a string stand for this closed object/);
    } finally {
      dir.remove();
      union.remove();
    }
  });
});
