import { CliError, type CliCommand } from '../command';

// Placeholder: replaced by the issue that owns the 'emulator' command.
export const command: CliCommand = {
  name: 'emulator',
  summary: '(emulator: not built yet)',
  help: 'servicekmskeys emulator: not built yet.',
  async run() {
    throw new CliError('servicekmskeys emulator is not built yet.');
  },
};
