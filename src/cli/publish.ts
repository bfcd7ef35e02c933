import { type Command, UsageError } from './command';

// Placeholder until the command lands; answers with a usage error rather than pretending to work.
export const publishCommand: Command = {
  name: 'publish',
  summary: '',
  usage: 'rcfge publish: not available in this build',
  run: async () => {
    throw new UsageError('publish: not available in this build yet');
  },
};
