import { contributors, ownerOf } from '../../src/packaging/analyze';

describe('bundle analysis', () => {
  test.each([
    ['node_modules/ajv/dist/core.js', 'ajv'],
    ['node_modules/@smithy/core/dist-es/index.js', '@smithy/core'],
    ['node_modules/@aws-sdk/client-s3/node_modules/@smithy/types/dist-es/a.js', '@smithy/types'],
    ['src/engine/enforcer.ts', 'src/engine'],
    ['<stdin>', '<stdin>'],
  ])('%s belongs to %s', (input, owner) => {
    expect(ownerOf(input)).toBe(owner);
  });

  test('sums bytes per package, largest first', () => {
    const metafile = {
      inputs: {},
      outputs: {
        'dist/handlers.js': {
          bytes: 60,
          inputs: {
            'node_modules/ajv/a.js': { bytesInOutput: 10 },
            'src/hook/x.ts': { bytesInOutput: 15 },
            'node_modules/ajv/b.js': { bytesInOutput: 20 },
            'src/hook/y.ts': { bytesInOutput: 15 },
          },
        },
      },
    };
    expect(contributors(metafile)).toEqual([
      { name: 'ajv', bytes: 30 },
      { name: 'src/hook', bytes: 30 },
    ]);
  });
});
