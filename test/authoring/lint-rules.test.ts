import { checkGating } from '../../src/authoring/lint/gating-coverage';
import { dummyContext } from '../../src/authoring/lint/dummy-context';
import { judgePattern } from '../../src/authoring/lint/patterns';
import { checkRegistryProperties } from '../../src/authoring/lint/registry-properties';
import { backtracksExponentially } from '../../src/authoring/regex-ambiguity';
import { classify } from '../../src/authoring/openness';
import { gatesSameValue } from '../../src/authoring/gating';
import { checkRequired } from '../../src/authoring/lint/required';
import { checkTypelessConst } from '../../src/authoring/lint/typeless-const';

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
    // The registry's SecurityGroup GroupDescription pattern: `[` inside a class opens a nested class in Java.
    expect(judgePattern('^([a-z,A-Z,0-9,. _\\-:/()#,@[\\]+=&;\\{\\}!$*])*$')?.message).toMatch(/not a valid Java regular expression: Unclosed character class/);
    expect(judgePattern('^\\p{InGreek}+$')?.message).toMatch(/the engine refuses it: uses a Unicode block/);
    // Valid Java (`-` after \p{Z} is a literal), though not valid JavaScript with the u flag.
    expect(judgePattern('^(?! )[\\p{L}\\p{N}\\p{Z}-_]*(?<! )$')).toBeUndefined();
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

describe('gating through $ref and combinators (no false "open")', () => {
  it('counts {"$ref": closed, "type": "object"} as gated, and an open target as open at the target', () => {
    // Prepare
    const template = {
      ...closed({ Meta: { $ref: '#/definitions/Closed', type: 'object' }, Loose: { $ref: '#/definitions/Open', type: 'object' } }),
      definitions: { Closed: closed({ HttpTokens: { enum: ['required'] } }), Open: { type: 'object', properties: { A: { type: 'string' } } } },
    };
    // Act
    const paths = checkGating(template).map((f) => f.path);
    // Assess: the open target is reported where it can be fixed, once; the referring schema is not
    expect(paths).toContain('/definitions/Open');
    expect(paths).not.toContain('/properties/Meta');
    expect(paths).toEqual(['/definitions/Open', '/properties/Loose']);
  });

  it('counts an object whose oneOf/anyOf branches are all closed as gated, and not when one branch is open', () => {
    const branches = (second: unknown) => ({ type: 'object', oneOf: [closed({ SimplePrefix: closed({}) }), second] });
    expect(checkGating(closed({ Format: branches(closed({ PartitionedPrefix: { type: 'string' } })) }))).toEqual([]);
    const open = checkGating(closed({ Format: branches({ properties: { PartitionedPrefix: { type: 'string' } } }) })).map((f) => f.path);
    expect(open).toContain('/properties/Format');
    expect(gatesSameValue({}, { type: 'object', allOf: [{ required: ['A'] }, closed({ A: {} })] })).toBe(true);
    expect(gatesSameValue({}, { type: 'object', anyOf: [{ type: 'string' }, closed({})] })).toBe(true);
  });
});

describe('required names a closed object does not define', () => {
  it('is an error at the closed object and in allOf/then branches, a warning in anyOf/oneOf branches', () => {
    // Prepare
    const template = {
      ...closed({ A: { type: 'string' }, B: { $ref: '#/definitions/B' } }),
      required: ['A', 'Missing'],
      then: { required: ['Typo'] },
      anyOf: [{ required: ['A'] }, { required: ['Other'] }],
      definitions: { B: closed({ X: {} }) },
    };
    (template.properties as Record<string, unknown>).B = { $ref: '#/definitions/B', required: ['Y'] };
    // Act
    const findings = checkRequired(template);
    // Assess
    expect(findings.map((f) => `${f.severity}:${f.path}`)).toEqual(['error:/required', 'error:/then/required', 'warning:/anyOf/1/required', 'error:/properties/B/required']);
    expect(findings.map((f) => /required "(\w+)" is not defined/.exec(f.message)?.[1])).toEqual(['Missing', 'Typo', 'Other', 'Y']);
    expect(findings[0].message).toMatch(/no resource can ever comply/);
  });

  it('accepts names matched by patternProperties, and required lists of open objects', () => {
    const template = { type: 'object', additionalProperties: false, patternProperties: { '^x-': {} }, required: ['x-a'], properties: { O: { type: 'object', required: ['Z'], properties: {} } } };
    expect(checkRequired(template)).toEqual([]);
  });
});

describe('boolean/number const or enum without a type', () => {
  it('warns where no type applies to the value, naming the type to add', () => {
    // Prepare
    const template = closed({
      Flag: { not: { const: true } },
      Size: { enum: [1, 2] },
      Typed: { type: 'boolean', not: { const: true } },
      Ratio: { allOf: [{ type: 'number' }], const: 0.5 },
      Name: { const: 'x' },
    });
    // Act
    const findings = checkTypelessConst(template);
    // Assess
    expect(findings.map((f) => [f.path, f.severity])).toEqual([
      ['/properties/Flag/not/const', 'warning'],
      ['/properties/Size/enum', 'warning'],
      ['/properties/Ratio/const', 'warning'],
    ]);
    expect(findings[0].message).toContain('add "type": "boolean"');
    expect(findings[1].message).toContain('add "type": "integer"');
  });
});
