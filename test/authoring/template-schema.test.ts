import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { deriveTemplate } from '../../src/authoring/init/derive';
import { knownKeywords } from '../../src/authoring/lint/keywords';
import { templateJsonSchema } from '../../src/authoring/template-schema';
import { createAjv } from '../../src/engine/compiler';
import { builtInRegistry, ROOT } from '../support/paths';

/**
 * The JSON Schema editors use for template files (schemas/rcfge-template.schema.json),
 * generated from the engine's keywords. When the engine learns a keyword, regenerate it:
 * `UPDATE_GOLDEN=1 npx jest test/authoring/template-schema.test.ts`, read the diff, commit.
 */
const FILE = join(ROOT, 'schemas', 'rcfge-template.schema.json');
const generated = templateJsonSchema(knownKeywords(createAjv()));

function validator() {
  return addFormats(new Ajv({ strict: false, allErrors: true })).compile(JSON.parse(readFileSync(FILE, 'utf8')));
}

describe('template JSON Schema for editors', () => {
  it('is the committed file, generated from every keyword the engine knows', () => {
    const text = `${JSON.stringify(generated, null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(FILE, text);
    expect(existsSync(FILE)).toBe(true);
    expect(readFileSync(FILE, 'utf8')).toBe(text);
  });

  it('accepts every baseline template and what rcfge init writes', () => {
    const validate = validator();
    const templates = readdirSync(join(ROOT, 'templates')).filter((f) => /^aws-.*\.json$/.test(f));
    const failures: string[] = [];
    for (const file of templates) {
      if (!validate(JSON.parse(readFileSync(join(ROOT, 'templates', file), 'utf8')))) failures.push(`${file}: ${JSON.stringify(validate.errors?.slice(0, 2))}`);
    }
    for (const type of ['AWS::S3::Bucket', 'AWS::EC2::Instance', 'AWS::IAM::Role', 'AWS::Lambda::Function']) {
      const { template } = deriveTemplate(builtInRegistry().schemaOfType(type)!);
      if (!validate(template)) failures.push(`init ${type}: ${JSON.stringify(validate.errors?.slice(0, 2))}`);
    }
    expect(templates.length).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  });

  it.each([
    ['a misspelt keyword', { typeName: 'AWS::S3::Bucket', additionalProperty: false }],
    ['a misspelt keyword deep inside', { typeName: 'AWS::S3::Bucket', properties: { A: { type: 'string', patern: '^a$' } } }],
    ['no typeName', { type: 'object' }],
    ['delete: maybe', { typeName: 'AWS::S3::Bucket', 'x-rcfge': { delete: 'maybe' } }],
    ['delete below the top level', { typeName: 'AWS::S3::Bucket', properties: { A: { 'x-rcfge': { delete: 'deny' } } } }],
    ['a rule without a title', { typeName: 'AWS::S3::Bucket', properties: { A: { 'x-rcfge': { id: 'ORG-1' } } } }],
    ['a rule id of the engine', { typeName: 'AWS::S3::Bucket', properties: { A: { 'x-rcfge': { id: 'RCFGE.enum', title: 'x' } } } }],
    ['a misspelt x-rcfge key', { typeName: 'AWS::S3::Bucket', 'x-rcfge': { remediaton: 'x' } }],
    ['a type that is no JSON type', { typeName: 'AWS::S3::Bucket', type: 'text' }],
  ])('flags %s, as the engine or rcfge lint would', (_label, template) => {
    expect(validator()(template)).toBe(false);
  });
});
