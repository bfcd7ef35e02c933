import { type Command, UsageError } from './command';

// Placeholder until the command lands; answers with a usage error rather than pretending to work.
export const validateCommand: Command = {
  name: 'validate',
  summary: '',
  usage: 'rcfge validate: not available in this build',
  run: async () => {
    throw new UsageError('validate: not available in this build yet');
  },
};
