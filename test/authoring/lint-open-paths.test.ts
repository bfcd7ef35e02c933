import { closeEverything } from '../../src/authoring/init/close';
import { checkGating } from '../../src/authoring/lint/gating-coverage';
import { checkRegistryProperties } from '../../src/authoring/lint/registry-properties';
import { builtInRegistry } from '../support/paths';
import { SchemaCompiler } from '../../src/engine/compiler';

/**
 * Gating coverage (issue 10 item 5): open paths that lint called clean before. Each case
 * admits a property nobody approved; each must be reported, and `rcfge init` must close
 * or declare it so that a derived template stays clean.
 */
const closed = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'object', additionalProperties: false, properties, ...extra });

const CASES: Array<[string, Record<string, unknown>, string, RegExp]> = [
  ['patternProperties ".*" beside listed properties', closed({ A: { type: 'string' } }, { patternProperties: { '.*': { type: 'string' } } }), '', /"patternProperties" "\.\*" admits any property name/],
  ['patternProperties "" beside listed properties', closed({ A: { type: 'string' } }, { patternProperties: { '': { type: 'string' } } }), '', /"patternProperties" "" admits any property name/],
  ['patternProperties ^[A-Za-z]+$ beside listed properties', closed({ A: { type: 'string' } }, { patternProperties: { '^[A-Za-z]+$': closed({}) } }), '', /"\^\[A-Za-z\]\+\$" admits any property name/],
  ['patternProperties Configuration$ beside listed properties (no sample name matches it)', closed({ A: { type: 'string' } }, { patternProperties: { 'Configuration$': { type: 'string' } } }), '', /"Configuration\$" admits property names the template does not list/],
  ['patternProperties excluding the sample names by lookahead', closed({ A: { type: 'string' } }, { patternProperties: { '^(?!NewFeature$|newFeature$|RcfgeProbe2$)[A-Za-z0-9]+$': { type: 'string' } } }), '', /admits property names the template does not list/],
  ['an if/then without else', closed({ A: { if: { required: ['x'] }, then: closed({ x: { type: 'string' } }) } }), '/properties/A', /"if" has no "else": when the condition does not hold, any value is admitted/],
  ['an if/else without then', closed({ A: { if: { required: ['x'] }, else: closed({ x: { type: 'string' } }) } }), '/properties/A', /"if" has no "then"/],
  ['a property whose only schema is a not', closed({ A: { not: { const: 'x' } } }), '/properties/A', /only restriction is a "not"/],
  ['a tuple without additionalItems: false', closed({ A: { type: 'array', items: [{ type: 'string' }] } }), '/properties/A', /a tuple .* without "additionalItems": false/],
  ['a prefixItems tuple without additionalItems: false', closed({ A: { type: 'array', prefixItems: [{ type: 'string' }] } }), '/properties/A', /a tuple/],
  ['an array with only contains', closed({ A: { type: 'array', contains: closed({ B: { type: 'string' } }) } }), '/properties/A', /no "items"\) \("contains" only requires some item to match/],
];

describe('lint reports the open paths', () => {
  it.each(CASES)('%s', (_name, template, path, reason) => {
    const findings = checkGating(template).filter((f) => f.severity === 'error');
    expect(findings).toEqual([expect.objectContaining({ path, rule: 'gating', message: expect.stringMatching(reason) })]);
  });

  it.each(CASES)('init closes or declares: %s (and the result compiles)', (_name, template) => {
    const copy = structuredClone(template);
    closeEverything(copy);
    expect(checkGating(copy).filter((f) => f.severity === 'error')).toEqual([]);
    expect(() => new SchemaCompiler().compile({ typeName: 'AWS::SQS::Queue', ...copy }, 'derived')).not.toThrow();
  });

  it('keeps what gates: a data-keyed map, a lowercase-tag pattern, a closed tuple, if/then/else, "not: {}"', () => {
    const template = closed({
      Variables: { type: 'object', additionalProperties: false, patternProperties: { '^[A-Za-z0-9_]+$': { type: 'string' } } },
      Tagged: closed({ A: { type: 'string' } }, { patternProperties: { '^tag:[a-z]+$': { type: 'string' } } }),
      Pair: { type: 'array', items: [{ type: 'string' }, { type: 'integer' }], additionalItems: false },
      Either: { if: { required: ['x'] }, then: closed({ x: { type: 'string' } }), else: closed({ y: { type: 'string' } }) },
      Nothing: { not: {} },
      Port: { type: 'integer', not: { const: 22 } },
    });
    expect(checkGating(template)).toEqual([]);
  });

  it('init closes a tuple with additionalItems: false and drops a catch-all pattern, saying so', () => {
    const template = closed({ A: { type: 'array', items: [{ type: 'string' }] } }, { patternProperties: { '.*': { type: 'string' } } });
    closeEverything(template);
    expect(template).toMatchObject({ properties: { A: { additionalItems: false } }, $comment: expect.stringMatching(/dropped "patternProperties" "\.\*": it admits any property name/) });
    expect(template).not.toHaveProperty('patternProperties');
  });

  it('reports the resource\'s properties written as a map (any name), which gating alone called gated by its values', () => {
    for (const template of [{ type: 'object', additionalProperties: { type: 'string' } }, { type: 'object', additionalProperties: false, patternProperties: { '^[A-Z]': { type: 'string' } } }]) {
      expect(checkGating(template).filter((f) => f.severity === 'error')).toEqual([expect.objectContaining({ path: '', rule: 'gating', message: expect.stringMatching(/the resource's properties as a map/) })]);
    }
  });

  it('reports a map where the registry lists properties, and keeps a map where the registry has one (keys are data)', () => {
    const registry = (type: string) => builtInRegistry().schemaOfType(type) as Record<string, unknown>;
    const bucket = closed({ BucketEncryption: { type: 'object', additionalProperties: { type: 'string' } }, Tags: { type: 'array', items: closed({ Key: { type: 'string' }, Value: { type: 'string' } }) } }, { typeName: 'AWS::S3::Bucket' });
    expect(checkRegistryProperties(bucket, registry('AWS::S3::Bucket'))).toEqual([expect.objectContaining({ path: '/properties/BucketEncryption', rule: 'gating', severity: 'error', message: expect.stringMatching(/a map \(any property name\) where the registry schema of AWS::S3::Bucket lists properties \(at \/properties\/BucketEncryption\)/) })]);
    const byPattern = closed({ BucketEncryption: { type: 'object', additionalProperties: false, patternProperties: { '^Server': closed({}) } } }, { typeName: 'AWS::S3::Bucket' });
    expect(checkRegistryProperties(byPattern, registry('AWS::S3::Bucket'))).toEqual([expect.objectContaining({ path: '/properties/BucketEncryption', rule: 'gating' })]);
    const variables = closed({ Environment: closed({ Variables: { type: 'object', additionalProperties: { type: 'string' } } }) }, { typeName: 'AWS::Lambda::Function' });
    expect(checkRegistryProperties(variables, registry('AWS::Lambda::Function'))).toEqual([]);
    // A map-shaped constraint in a branch of a closed object only narrows it.
    const narrowing = closed({ BucketName: { type: 'string' } }, { typeName: 'AWS::S3::Bucket', allOf: [{ additionalProperties: { type: 'string' } }] });
    expect(checkRegistryProperties(narrowing, registry('AWS::S3::Bucket'))).toEqual([]);
  });
});

