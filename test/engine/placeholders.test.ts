import { PlaceholderUsageError, UnknownPlaceholderError } from '../../src/engine/errors';
import { findPlaceholders, substitutePlaceholders } from '../../src/engine/placeholders';
import { testContext } from '../support/context';

const ctx = testContext('AWS::S3::Bucket', 'Bucket', { Org: 'o-abc', Accounts: ['111122223333', '444455556666'], Wild: '.*', Anchor: '^|', Empty: [] });

describe('placeholders', () => {
  it('fills built-ins in plain strings and regex-escapes them in patterns', () => {
    const schema = { properties: { Topic: { type: 'string', pattern: '^arn:$<partition>:sns:$<region>:$<accountID>:.*$', description: 'in $<accountID>' } } };
    const out = substitutePlaceholders(schema, ctx) as typeof schema;
    expect(out.properties.Topic.pattern).toBe('^arn:aws:sns:eu-west-1:111122223333:.*$');
    expect(out.properties.Topic.description).toBe('in 111122223333');
  });

  it('escapes a parameter value so ".*" or "^|" cannot widen a pattern', () => {
    const out = substitutePlaceholders({ pattern: '^x-$<param:Wild>$', patternProperties: { '^$<param:Anchor>$': {} } }, ctx) as Record<string, unknown>;
    expect(out.pattern).toBe('^x-\\.\\*$');
    expect(Object.keys(out.patternProperties as object)).toEqual(['^\\^\\|$']);
    expect(new RegExp(out.pattern as string).test('x-anything')).toBe(false);
    expect(new RegExp(out.pattern as string).test('x-.*')).toBe(true);
  });

  it('turns a list into an escaped alternation in patterns and an empty list into a pattern that matches nothing', () => {
    const out = substitutePlaceholders({ a: { pattern: '^arn:aws:iam::$<param:Accounts>:root$' }, b: { pattern: '^$<param:Empty>$' } }, ctx) as Record<string, { pattern: string }>;
    expect(out.a.pattern).toBe('^arn:aws:iam::(?:111122223333|444455556666):root$');
    expect(new RegExp(out.b.pattern).test('')).toBe(false);
  });

  it('splices a list that is a whole enum element', () => {
    const out = substitutePlaceholders({ enum: ['$<accountID>', '$<param:Accounts>', 'fixed'] }, ctx) as { enum: string[] };
    expect(out.enum).toEqual(['111122223333', '111122223333', '444455556666', 'fixed']);
  });

  it('keeps data keywords literal: a "pattern" key inside const is data, not a regex', () => {
    const out = substitutePlaceholders({ const: { pattern: 'a.$<region>' } }, ctx) as { const: { pattern: string } };
    expect(out.const.pattern).toBe('a.eu-west-1');
  });

  it('treats a property named "enum" or "default" as a schema: its pattern is still escaped', () => {
    const out = substitutePlaceholders({ properties: { enum: { pattern: '^$<param:Wild>$' }, default: { pattern: '^$<param:Anchor>$' } } }, ctx) as { properties: Record<string, { pattern: string }> };
    expect(out.properties.enum.pattern).toBe('^\\.\\*$');
    expect(out.properties.default.pattern).toBe('^\\^\\|$');
  });

  it('refuses unknown placeholders and lists in plain strings, naming the place', () => {
    expect(() => substitutePlaceholders({ properties: { A: { const: '$<acountID>' } } }, ctx)).toThrow(UnknownPlaceholderError);
    expect(() => substitutePlaceholders({ properties: { A: { const: '$<param:Missing>' } } }, ctx)).toThrow(/\$<param:Missing> at \/properties\/A\/const/);
    expect(() => substitutePlaceholders({ description: 'x $<param:Accounts>' }, ctx)).toThrow(PlaceholderUsageError);
  });

  it('finds every placeholder once, keys included', () => {
    expect(findPlaceholders({ a: '$<region>', b: ['$<region>', '$<param:X>'], patternProperties: { '$<accountID>': {} } })).toEqual(['region', 'param:X', 'accountID']);
  });
});
