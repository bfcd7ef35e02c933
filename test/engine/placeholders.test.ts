import { PlaceholderUsageError, UnknownPlaceholderError } from '../../src/engine/errors';
import { findPlaceholders, substitutePlaceholders } from '../../src/engine/placeholders';
import { compilePattern, mayBacktrack } from '../../src/engine/regex-engine';
import { testContext } from '../support/context';

const ctx = testContext('AWS::S3::Bucket', 'Bucket', { Org: 'o-abc', Accounts: ['111122223333', '444455556666'], Wild: '.*', Anchor: '^|', Empty: [], Range: 'a-c', Meet: 'a&&[b]', Spaced: 'a #b' });

describe('placeholders', () => {
  it('fills built-ins in plain strings and regex-escapes them in patterns', () => {
    const schema = { properties: { Topic: { type: 'string', pattern: '^arn:$<partition>:sns:$<region>:$<accountID>:.*$', description: 'in $<accountID>' } } };
    const out = substitutePlaceholders(schema, ctx) as typeof schema;
    expect(out.properties.Topic.pattern).toBe('^arn:aws:sns:eu-west-1:111122223333:.*$');
    expect(compilePattern(out.properties.Topic.pattern).test('arn:aws:sns:eu-west-1:111122223333:t')).toBe(true);
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
    expect(compilePattern(out.b.pattern).test('')).toBe(false);
    // Also on the linear-time engine, which has no lookahead.
    const nested = substitutePlaceholders({ pattern: '^((a+)+$<param:Empty>)?$' }, ctx) as { pattern: string };
    expect(mayBacktrack(nested.pattern)).toBe(true);
    expect(compilePattern(nested.pattern).test('')).toBe(true);
    expect(compilePattern(nested.pattern).test('a')).toBe(false);
  });

  it('escapes a value as Java reads patterns: inside a class, - and && are literal; under (?x) spaces and # are kept', () => {
    const out = substitutePlaceholders({ a: { pattern: '^[$<param:Range>]+$' }, b: { pattern: '^[x$<param:Meet>]+$' }, c: { pattern: '(?x)^$<param:Spaced>$' } }, ctx) as Record<string, { pattern: string }>;
    expect(['a', '-', 'c', 'a-c'].map((v) => compilePattern(out.a.pattern).test(v))).toEqual([true, true, true, true]);
    expect(compilePattern(out.a.pattern).test('b')).toBe(false);
    expect(['x', 'a', '&', '[', 'b', ']'].map((v) => compilePattern(out.b.pattern).test(v))).toEqual([true, true, true, true, true, true]);
    expect(compilePattern(out.b.pattern).test('c')).toBe(false);
    expect(compilePattern(out.c.pattern).test('a #b')).toBe(true);
    expect(compilePattern(out.c.pattern).test('a')).toBe(false);
  });

  it('keeps a value literal inside \\Q...\\E, and refuses a list inside a class', () => {
    const quoted = { ...ctx, params: { ...ctx.params, Tricky: 'a\\E.*', Names: ['x.y', 'z'] } };
    const out = substitutePlaceholders({ a: { pattern: '^\\Q$<param:Tricky>\\E$' }, b: { pattern: '^\\Q-$<param:Names>-\\E$' } }, quoted) as Record<string, { pattern: string }>;
    expect(compilePattern(out.a.pattern).test('a\\E.*')).toBe(true);
    expect(compilePattern(out.a.pattern).test('a\\Exx')).toBe(false);
    expect(['-x.y-', '-z-'].map((v) => compilePattern(out.b.pattern).test(v))).toEqual([true, true]);
    expect(compilePattern(out.b.pattern).test('-xzy-')).toBe(false);
    expect(() => substitutePlaceholders({ pattern: '^[$<param:Accounts>]$' }, ctx)).toThrow(/a list cannot stand inside a character class/);
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
