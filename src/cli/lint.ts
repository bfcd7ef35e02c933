import { type Command, UsageError } from './command';

// Placeholder until the command lands; answers with a usage error rather than pretending to work.
export const lintCommand: Command = {
  name: 'lint',
  summary: '',
  usage: 'rcfge lint: not available in this build',
  run: async () => {
    throw new UsageError('lint: not available in this build yet');
  },
};
