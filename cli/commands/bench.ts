import { CliError, type CliCommand } from '../command';

// Placeholder: replaced by the issue that owns the 'bench' command.
export const command: CliCommand = {
  name: 'bench',
  summary: '(bench: not built yet)',
  help: 'servicekmskeys bench: not built yet.',
  async run() {
    throw new CliError('servicekmskeys bench is not built yet.');
  },
};
