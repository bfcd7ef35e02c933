import { EngineCaches, Enforcer } from '../../src/engine/enforcer';
import type { TemplateObject, TemplateProvider } from '../../src/engine/template-provider';
import { testContext } from '../support/context';

/**
 * Values as CloudFormation reads them (DESIGN.md "Values"): the Hook receives every scalar
 * as a string; booleans are true/false in the spellings true True TRUE false False FALSE,
 * nothing else. Local tools send real booleans and numbers, which must mean the same.
 */
const TEMPLATE = {
  typeName: 'Test::Values::Thing',
  type: 'object',
  additionalProperties: false,
  properties: {
    Flag: { type: 'boolean' },
    MustBeOn: { type: 'boolean', const: true },
    NotOff: { not: { const: false } },
    Count: { type: 'integer', minimum: 1, maximum: 10 },
    Ratio: { type: 'number', maximum: 1.5 },
    Name: { type: 'string', pattern: '^[a-z0-9]+$' },
    // EC2 DHCP options' NetbiosNodeType: typed integer, enum written as strings in the registry.
    NodeType: { type: 'integer', enum: ['1', '2', '4', '8'] },
    Port: { type: 'string', enum: [80, 443] },
    Either: { type: ['boolean', 'string'], enum: [true, 'auto'] },
    Items: { type: 'array', items: { type: 'boolean' } },
  },
};

class OneTemplate implements TemplateProvider {
  locationOf(file: string): string {
    return `memory://${file}`;
  }
  async get(file: string): Promise<TemplateObject> {
    return { file, location: this.locationOf(file), body: JSON.stringify(TEMPLATE), etag: '1' };
  }
}

const enforcer = new Enforcer(new OneTemplate(), { missingTemplateAction: 'FAIL' }, new EngineCaches());
const ctx = testContext(TEMPLATE.typeName, 'Thing', {});

async function verdict(properties: Record<string, unknown>): Promise<string> {
  const result = await enforcer.check({ typeName: TEMPLATE.typeName, logicalId: 'Thing', operation: 'CREATE', properties }, ctx);
  return result.status;
}

const cases = (values: unknown[]) => values.map((value) => [JSON.stringify(value), value]);

describe('values as CloudFormation reads them', () => {
  it.each(cases(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', true, false]))('%s is a boolean', async (_shown, value) => {
    expect(await verdict({ Flag: value })).toBe('PASS');
  });

  it.each(cases(['1', '0', 'yes', 'no', 'on', 'tRUE', ' true', 'true ', '', 'null', 1, 0, null, [], {}]))('%s is not a boolean', async (_shown, value) => {
    expect(await verdict({ Flag: value })).toBe('FAIL');
  });

  it('compares a boolean const in every spelling, and refuses what is not a boolean', async () => {
    for (const on of ['true', 'True', 'TRUE', true]) expect([on, await verdict({ MustBeOn: on })]).toEqual([on, 'PASS']);
    for (const off of ['false', 'FALSE', false, 1, '1', null]) expect([off, await verdict({ MustBeOn: off })]).toEqual([off, 'FAIL']);
    // A typeless boolean const gets its implied type: "FALSE" is false, so it is refused.
    expect(await verdict({ NotOff: 'FALSE' })).toBe('FAIL');
    expect(await verdict({ NotOff: 'True' })).toBe('PASS');
  });

  it('reads numbers from JSON number syntax only', async () => {
    for (const ok of ['5', '05', '5.0', '1e1', 5, 10]) expect([ok, await verdict({ Count: ok })]).toEqual([ok, 'PASS']);
    for (const bad of [' 5', '5 ', '0x5', '5.5', '11', '0', '', 'Infinity', 'five', true, 'true', null]) expect([bad, await verdict({ Count: bad })]).toEqual([bad, 'FAIL']);
    for (const ok of ['1.5', '-2', '0.25', 1.5]) expect([ok, await verdict({ Ratio: ok })]).toEqual([ok, 'PASS']);
    for (const bad of ['1.6', '1,5', 'NaN', false]) expect([bad, await verdict({ Ratio: bad })]).toEqual([bad, 'FAIL']);
  });

  it('reads numbers and booleans sent for a string as their text, but not null', async () => {
    expect(await verdict({ Name: 5 })).toBe('PASS');
    expect(await verdict({ Name: true })).toBe('PASS');
    expect(await verdict({ Name: null })).toBe('FAIL');
  });

  it('an integer whose enum lists strings accepts a member in either form', async () => {
    for (const ok of ['1', '2', '8', 2, 4, '4.0']) expect([ok, await verdict({ NodeType: ok })]).toEqual([ok, 'PASS']);
    for (const bad of ['3', 3, '', 'two', true, null]) expect([bad, await verdict({ NodeType: bad })]).toEqual([bad, 'FAIL']);
  });

  it('a string whose enum lists numbers accepts a member in either form', async () => {
    for (const ok of ['80', '443', 80]) expect([ok, await verdict({ Port: ok })]).toEqual([ok, 'PASS']);
    expect(await verdict({ Port: '8080' })).toBe('FAIL');
  });

  it('a union type keeps a value its types already accept', async () => {
    expect(await verdict({ Either: 'auto' })).toBe('PASS');
    expect(await verdict({ Either: true })).toBe('PASS');
    // "True" is already a string, so it stays the string "True", which the enum does not list.
    expect(await verdict({ Either: 'True' })).toBe('FAIL');
  });

  it('reads every item of an array', async () => {
    expect(await verdict({ Items: ['True', 'false', true] })).toBe('PASS');
    expect(await verdict({ Items: ['True', 1] })).toBe('FAIL');
  });

  it('names the property and the expected type when a value is not one', async () => {
    const result = await enforcer.check({ typeName: TEMPLATE.typeName, logicalId: 'Thing', operation: 'CREATE', properties: { Flag: 'yes' } }, ctx);
    expect(result.findings).toEqual([expect.objectContaining({ path: '/Flag', keyword: 'type', message: 'value "yes" must be of type boolean' })]);
  });

  it('leaves the caller\'s properties as sent', async () => {
    const properties = { Flag: 'TRUE', Count: '5', Items: ['False'] };
    await verdict(properties);
    expect(properties).toEqual({ Flag: 'TRUE', Count: '5', Items: ['False'] });
  });
});
