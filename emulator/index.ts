import { EmulatorCore } from './core';
import { createServer, listen } from './server';
import type { EmulatorOptions, RunningEmulator } from './types';

export type * from './types';
export { VIA_SERVICE_HEADER } from './server';

/** Starts the KMS/STS emulator on 127.0.0.1 (see docs/emulator.md). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const core = new EmulatorCore(options);
  const server = createServer(core);
  const port = await listen(server, options.port ?? 0);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    admin: core.admin,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
