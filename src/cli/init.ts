import { type Command, UsageError } from './command';

// Placeholder until the command lands; answers with a usage error rather than pretending to work.
export const initCommand: Command = {
  name: 'init',
  summary: '',
  usage: 'rcfge init: not available in this build',
  run: async () => {
    throw new UsageError('init: not available in this build yet');
  },
};
