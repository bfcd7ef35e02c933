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
  // A hang still fails, after 5 min rather than 1: single tests take up to ~10 s on an idle
  // machine (iam-approval-loop 7.8 s, fuzz-payload 9.9 s) and a 2-core runner shared with other
  // jobs was ~8x slower. Speed is asserted in `npm run bench`, never by a jest timeout.
  testTimeout: 300_000,
};
