import { CliError, type CliCommand } from '../command';

// Placeholder: replaced by the issue that owns the 'package' command.
export const command: CliCommand = {
  name: 'package',
  summary: '(package: not built yet)',
  help: 'servicekmskeys package: not built yet.',
  async run() {
    throw new CliError('servicekmskeys package is not built yet.');
  },
};
