/**
 * Property-based tests of the stack-level targets through the real handler: mutated example
 * payloads (STACK and CHANGE_SET, fields deleted, replaced, added), random JSON and cut text
 * as the payload, given inline and served over HTTP, always get a valid hook response
 * (FAILED explains itself, the token is echoed, annotations within limits), the same
 * verdict twice, and never pollute Object.prototype.
 */
import fc from 'fast-check';
import { fuzzSettings, fuzzTimeout, mutate, mutation, share } from '../support/fuzz';
import { prototypeKeys, verdictOf } from '../support/invariants';
import { type StackHarness, startStackHarness } from '../support/stack-harness';
import { examplePayload, stackRequest } from '../support/stack-requests';

const settings = fuzzSettings('fuzz-payload', 150);
const runs = share(settings, 1);
const protoBefore = prototypeKeys();

let h: StackHarness;
beforeAll(async () => {
  h = await startStackHarness();
});
afterAll(async () => {
  await h.close();
  expect(prototypeKeys()).toEqual(protoBefore);
});

const STACK = JSON.parse(examplePayload('5-stack-three-violations.noncompliant.json'));
const CHANGE_SET = JSON.parse(examplePayload('6-change-set-drops-key.noncompliant.json'));
const examples = [
  { target: 'STACK' as const, payload: STACK },
  { target: 'CHANGE_SET' as const, payload: CHANGE_SET },
];
const points = fc.constantFrom('CREATE_PRE_PROVISION' as const, 'UPDATE_PRE_PROVISION' as const, 'DELETE_PRE_PROVISION' as const);
const outcomes = new Map<string, number>();

async function holds(request: Record<string, unknown>): Promise<void> {
  const first = await h.run(request);
  outcomes.set(`${first.hookStatus} ${first.errorCode ?? ''}`.trim(), (outcomes.get(`${first.hookStatus} ${first.errorCode ?? ''}`.trim()) ?? 0) + 1);
  const again = await h.run(request);
  expect(verdictOf(again)).toBe(verdictOf(first));
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('stack-level payloads (fast-check, handler over local S3)', () => {
  it('mutated example payloads, inline', async () => {
    outcomes.clear();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...examples), points, fc.array(mutation, { minLength: 1, maxLength: 4 }), async (example, point, mutations) => {
        await holds(stackRequest({ target: example.target, point, targetModel: mutate(example.payload, mutations) as Record<string, unknown> }));
      }),
      runs,
    );
    console.log(`fuzz-payload: outcomes of mutated payloads ${JSON.stringify(Object.fromEntries(outcomes))}`);
    expect(outcomes.get('FAILED NonCompliant')).toBeGreaterThan(0);
  }, fuzzTimeout(runs, 600));

  it('random JSON and cut text as the payload, served over HTTP', async () => {
    const text = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.tuple(fc.constantFrom(...examples.map((e) => JSON.stringify(e.payload))), fc.double({ min: 0, max: 1, noNaN: true })).map(([t, f]) => t.slice(0, Math.floor(t.length * f))),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('STACK' as const, 'CHANGE_SET' as const), points, text, async (target, point, body) => {
        await holds(stackRequest({ target, point, payload: h.url(body) }));
      }),
      share(settings, 3),
    );
  }, fuzzTimeout(share(settings, 3), 600));
});
