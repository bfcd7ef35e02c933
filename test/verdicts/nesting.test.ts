import { byId } from '../fixtures/validate/cli';
import { Faces, scratchStack } from '../fixtures/verdicts/faces';

/**
 * Issue 9 item 10: parsing handles nesting up to the engine's 1,000-level limit without a
 * stack overflow (840 levels used to overflow the JSON and YAML parsers), and beyond it gives
 * the Hook's own input finding. Properties start at depth 0: `DataProtectionPolicy` is depth 1.
 */
let faces: Faces;
beforeAll(async () => {
  faces = await Faces.start();
});
afterAll(async () => faces.close());

/** `{"a": {"a": ... "x" }}` with `levels` objects. */
function nestedValue(levels: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

const STYLES = {
  'YAML flow sequences': (levels: number) => `Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DataProtectionPolicy: {a: ${'['.repeat(levels - 1)}x${']'.repeat(levels - 1)}}\n`,
  'YAML flow mappings': (levels: number) => `Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DataProtectionPolicy: ${'{a: '.repeat(levels)}x${'}'.repeat(levels)}\n`,
  'YAML block mappings': (levels: number) => {
    let text = 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DataProtectionPolicy:\n';
    for (let i = 1; i < levels; i++) text += `${' '.repeat(6 + 2 * i)}a:\n`;
    return `${text}${' '.repeat(6 + 2 * levels)}a: x\n`;
  },
  JSON: (levels: number) => `{"Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {"DataProtectionPolicy": ${'{"a": '.repeat(levels)}"x"${'}'.repeat(levels)}}}}}`,
} as const;

describe.each(Object.entries(STYLES))('%s', (style, build) => {
  const name = style === 'JSON' ? 'stack.json' : 'stack.yaml';

  it('999 levels: parsed and judged (PASS, as the Hook)', async () => {
    const run = await faces.validate(scratchStack(build(999), name));
    const hook = await faces.hook(faces.request('AWS::SNS::Topic', { DataProtectionPolicy: nestedValue(999) }, { logicalId: 'T' }));
    expect(run.stderr).toBe('');
    expect(byId(run.report!, 'T')).toMatchObject({ status: 'PASS', findings: [] });
    expect(hook.verdict).toBe('PASS');
  });

  it('1,000 levels and far beyond: the same input finding as the Hook, never a crash', async () => {
    const hook = await faces.hook(faces.request('AWS::SNS::Topic', { DataProtectionPolicy: nestedValue(1000) }, { logicalId: 'T' }));
    expect(hook).toMatchObject({ verdict: 'FAIL', errorCode: 'NonCompliant', paths: [' input'] });
    // Block style needs two columns of indentation per level: 2,000 levels are 4 million spaces.
    for (const levels of [1000, style.includes('block') ? 2000 : 50_000]) {
      const run = await faces.validate(scratchStack(build(levels), name));
      expect({ levels, stderr: run.stderr, code: run.code }).toEqual({ levels, stderr: '', code: 1 });
      const topic = byId(run.report!, 'T');
      expect(topic.findings.map((f) => `${f.path} ${f.keyword}`)).toEqual(hook.paths);
      expect(topic.findings[0].message).toMatch(/nested deeper than 1000 levels/);
    }
  });
});
