import { CliError, type CliCommand } from '../command';

// Placeholder: replaced by the issue that owns the 'plan' command.
export const command: CliCommand = {
  name: 'plan',
  summary: '(plan: not built yet)',
  help: 'servicekmskeys plan: not built yet.',
  async run() {
    throw new CliError('servicekmskeys plan is not built yet.');
  },
};
