import { CliError, type CliCommand } from '../command';

// Placeholder: replaced by the issue that owns the 'start' command.
export const command: CliCommand = {
  name: 'start',
  summary: '(start: not built yet)',
  help: 'servicekmskeys start: not built yet.',
  async run() {
    throw new CliError('servicekmskeys start is not built yet.');
  },
};
