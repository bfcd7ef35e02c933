/** Jest: @swc/jest transforms TypeScript; type checking is `tsc --noEmit` (npm test runs both). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // One fast-check seed per run, fixed unless FUZZ_SEED says otherwise (test/support/fuzz.ts).
  setupFiles: ['<rootDir>/test/support/fuzz-seed.ts'],
  testTimeout: 60000,
};
