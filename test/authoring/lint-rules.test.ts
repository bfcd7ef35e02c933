import { checkGating } from '../../src/authoring/lint/gating-coverage';
import { dummyContext } from '../../src/authoring/lint/dummy-context';
import { judgePattern } from '../../src/authoring/lint/patterns';
import { checkRegistryProperties } from '../../src/authoring/lint/registry-properties';
import { backtracksExponentially } from '../../src/authoring/regex-ambiguity';
import { classify } from '../../src/authoring/openness';

const closed = (properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, properties });

describe('gating coverage', () => {
  it('reports every open object however deep, through $ref, once per schema', () => {
    // Prepare
    const template = {
      ...closed({ A: { $ref: '#/definitions/Node' }, B: { type: 'array', items: { type: 'object' } }, C: { $ref: '#/definitions/Node' } }),
      definitions: { Node: closed({ Child: { $ref: '#/definitions/Node' }, Free: { properties: { X: { type: 'string' } } } }) },
    };
    // Act
    const paths = checkGating(template).map((f) => `${f.severity}:${f.path}`);
    // Assess
    expect(paths).toEqual(['error:/definitions/Node/properties/Free', 'error:/properties/B/items']);
  });

  it('accepts declared-open objects (as info), maps of scalars, and branches under a closed parent', () => {
    const template = {
      ...closed({
        Policy: { type: 'object', 'x-rcfge': { open: 'IAM policy' } },
        Env: { type: 'object', additionalProperties: { type: 'string' } },
        Port: { type: 'integer' },
      }),
      then: { properties: { Port: { minimum: 1 } } },
    };
    const findings = checkGating(template);
    expect(findings).toEqual([expect.objectContaining({ path: '/properties/Policy', severity: 'info' })]);
  });

  it('treats an additionalProperties schema next to properties as open, and a map of free values as open at the value', () => {
    const template = closed({ Mixed: { type: 'object', properties: { A: { type: 'string' } }, additionalProperties: { type: 'string' } }, Map: { type: 'object', additionalProperties: {} } });
    expect(checkGating(template).map((f) => f.path)).toEqual(['/properties/Map/additionalProperties', '/properties/Mixed']);
  });

  it('ignores conditions (if, not, contains)', () => {
    const template = { ...closed({ L: { type: 'array', items: { type: 'string' }, contains: { type: 'object' } } }), if: { properties: {} }, not: { type: 'object' } };
    expect(checkGating(template)).toEqual([]);
  });

  it('classifies a bare object, an untyped schema and true as open', () => {
    expect(classify({ type: 'object' }).kind).toBe('open');
    expect(classify({ description: 'x', format: 'json' }).kind).toBe('open');
    expect(classify(true).kind).toBe('open');
    expect(classify({ type: 'string' }).kind).toBe('not-object');
  });
});

describe('pattern checks', () => {
  it.each(['(a+)+$', '^(\\w*)*$', '(\\s*[a-z]+)+', '(?:x|(b+))*', '(?!(a+)+)b'])('flags %s as exponential', (pattern) => {
    expect(backtracksExponentially(pattern)).toBe(true);
  });

  it.each(['^(-[\\w]+)*$', '^([a-z0-9]+\\.)+[a-z]+$', '^[a-z]+$', '^(ab){1,3}$', '([-]*[a-z])*', '(?:(a+)b)*', '^\\S+( +\\S+)*$'])('does not flag %s', (pattern) => {
    expect(backtracksExponentially(pattern)).toBe(false);
  });

  it('is an error when the engine refuses the pattern, a warning when it only runs on the linear-time engine', () => {
    expect(judgePattern('^(?! )[\\p{L}\\p{N}\\p{Z}-_]*(?<! )$')?.message).toMatch(/not a valid regular expression/);
    expect(judgePattern('^(?=x)(a+[a-z]*)*$')?.message).toMatch(/the engine refuses it/);
    expect(judgePattern('(a+)+$')?.severity).toBe('error');
    expect(judgePattern('^\\S+( +\\S+)*$')?.severity).toBe('warning');
    expect(judgePattern('^[a-z]+$')).toBeUndefined();
  });
});

describe('dummy placeholder context', () => {
  it('gives lists to parameters used only as whole enum elements, strings to the others', () => {
    const ctx = dummyContext({ typeName: 'AWS::S3::Bucket', enum: ['$<param:Accounts>'], pattern: '^$<param:Prefix>', x: { enum: ['$<param:Both>'], description: 'in $<param:Both>' } });
    expect(Array.isArray(ctx.params.Accounts)).toBe(true);
    expect(typeof ctx.params.Prefix).toBe('string');
    expect(typeof ctx.params.Both).toBe('string');
    expect(ctx.typeName).toBe('AWS::S3::Bucket');
  });
});

describe('registry property names', () => {
  const registry = {
    typeName: 'AWS::X::Y',
    properties: { Config: { $ref: '#/definitions/Config' }, Free: { type: 'object' }, List: { type: 'array', items: { $ref: '#/definitions/Config' } } },
    definitions: { Config: { type: 'object', properties: { Mode: { type: 'string' } }, oneOf: [{ properties: { Extra: { type: 'string' } } }] } },
  };

  it('follows $refs on both sides, items and oneOf branches, and names the misspelt property', () => {
    const template = {
      ...closed({ Config: { $ref: '#/definitions/C' }, Free: { type: 'object', properties: { Anything: {} } }, List: { type: 'array', items: closed({ Mdoe: {} }) } }),
      definitions: { C: closed({ Mode: {}, Extra: {}, Nope: {} }) },
    };
    const findings = checkRegistryProperties(template, registry);
    expect(findings.map((f) => f.path)).toEqual(['/definitions/C/properties/Nope', '/properties/List/items/properties/Mdoe']);
    expect(findings[1].message).toMatch(/did you mean "Mode"/);
  });
});
