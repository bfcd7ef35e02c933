/**
 * jest setupFiles: every fast-check property of a test file runs from the run's seed
 * (test/support/fuzz.ts fuzzSeed: FUZZ_SEED, "random", or the fixed default), also those
 * that give no settings of their own. On failure fast-check prints the seed to replay.
 */
import fc from 'fast-check';
import { runSeed } from './fuzz';

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: runSeed() });
