import { type Command, UsageError } from './command';

// Placeholder until the command lands; answers with a usage error rather than pretending to work.
export const packageCommand: Command = {
  name: 'package',
  summary: '',
  usage: 'rcfge package: not available in this build',
  run: async () => {
    throw new UsageError('package: not available in this build yet');
  },
};
