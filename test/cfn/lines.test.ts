import fc from 'fast-check';
import { join } from 'node:path';
import {
  childPointer,
  escapeToken,
  lineOf,
  parseStackTemplate,
  pointerTokens,
  readStackTemplate,
  resolveResource,
  sourcePointer,
  unescapeToken,
} from '../../src/cfn';
import { parseSubTemplate } from '../../src/cfn/sub';

const fixtures = join(__dirname, '..', 'fixtures', 'cfn');
const ctx = { accountId: '1', region: 'r', partition: 'aws', stackName: 's', stackId: 'id', parameterOverrides: {} };

describe('lineOf', () => {
  const template = readStackTemplate(join(fixtures, 'short-tags.yaml'));

  it('returns the exact line of a known pointer', () => {
    expect(lineOf(template, 'Bucket', '/NotificationConfiguration/TopicConfigurations/0/Topic')).toBe(39);
  });

  it('falls back to the nearest ancestor, then the resource line, then 1', () => {
    expect(lineOf(template, 'Bucket', '/NotificationConfiguration/TopicConfigurations/0/Missing/Deeper')).toBe(38);
    expect(lineOf(template, 'Bucket', '/Nope')).toBe(34); // the Properties key
    expect(lineOf(template, 'Topic', '/Anything')).toBe(30); // no Properties at all
    expect(lineOf(template, 'NotAResource', '')).toBe(1);
  });

  it('follows resolved pointers back to the source when given the resolved resource', () => {
    // Prepare: NoValue shifts items; Fn::If moves a subtree under its branch.
    const text = [
      'Conditions: {Yes: !Equals [a, a]}', // 1
      'Resources:', // 2
      '  R:', // 3
      '    Type: T', // 4
      '    Properties:', // 5
      '      List:', // 6
      '        - !Ref AWS::NoValue', // 7
      '        - !If', // 8
      '          - Yes', // 9
      '          - Name: x', // 10
      '            Arn: !GetAtt A.Arn', // 11
      '          - !Ref AWS::NoValue', // 12
    ].join('\n');
    const t = parseStackTemplate(text, 'l.yaml');
    // Act
    const resolved = resolveResource(t, t.resources[0], ctx);
    // Assess
    expect(resolved.properties).toEqual({ List: [{ Name: 'x', Arn: { 'Fn::GetAtt': ['A', 'Arn'] } }] });
    expect(resolved.unresolved).toEqual(['/List/0/Arn']);
    expect(sourcePointer(resolved.sourcePointers, '/List/0/Arn')).toBe('/List/1/Fn::If/1/Arn');
    expect(lineOf(t, 'R', '/List/0/Arn', resolved)).toBe(11);
    expect(lineOf(t, 'R', '/List/0/Arn')).toBe(7); // without the mapping: the raw item 0
  });
});

describe('JSON pointers', () => {
  it('escapes ~ and / per RFC 6901', () => {
    expect(escapeToken('a/b~c')).toBe('a~1b~0c');
    expect(unescapeToken('~01')).toBe('~1');
    expect(childPointer('/x', 'a/b')).toBe('/x/a~1b');
    expect(pointerTokens('/a~1b/~0/0')).toEqual(['a/b', '~', '0']);
  });

  it('round-trips any token', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (tokens) => {
        const pointer = tokens.reduce<string>((parent, token) => childPointer(parent, token), '');
        expect(pointerTokens(pointer)).toEqual(tokens);
      }),
    );
  });
});

describe('Fn::Sub template parsing', () => {
  it('splits literals and references and honours the ${! escape', () => {
    expect(parseSubTemplate('a${X}b${!Y}c${Z.W}${')).toEqual([
      { literal: 'a' },
      { reference: 'X' },
      { literal: 'b${Y}c' },
      { reference: 'Z.W' },
      { literal: '${' },
    ]);
  });

  it('reproduces the input when every reference is put back', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(!text.includes('${!'));
        const rebuilt = parseSubTemplate(text)
          .map((part) => ('literal' in part ? part.literal : `\${${part.reference}}`))
          .join('');
        expect(rebuilt).toBe(text);
      }),
    );
  });
});
