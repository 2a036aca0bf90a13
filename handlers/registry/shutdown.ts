/**
 * The lib (1.0.6) ends every invocation in `waitRunningProcesses`, which sleeps a fixed second
 * before waiting for its log queues (registry-runtime.md §5, pitfall 9). The queues count every
 * submitted message and `waitCompletion` resolves only when all are delivered, so the sleep adds
 * nothing but a second to every CREATE/UPDATE/DELETE round trip. This replaces the method with
 * the same steps minus the sleep. The lib declares it private, hence the prototype assignment.
 */
interface LibShutdownInternals {
  log(message: string): void;
  loggerProxy?: { waitCompletion(): Promise<unknown> };
  platformLoggerProxy: { waitCompletion(): Promise<unknown> };
  workerPool?: { completed: number; duration: number; shutdown(): Promise<unknown> };
}

async function waitRunningProcessesWithoutFixedDelay(this: LibShutdownInternals): Promise<void> {
  this.log('Waiting for logger proxy processes to finish...');
  if (this.loggerProxy) await this.loggerProxy.waitCompletion();
  await this.platformLoggerProxy.waitCompletion();
  this.log('Log delivery completed.');
  if (this.workerPool) await this.workerPool.shutdown();
}

/** Applies the replacement to a Resource class (checked by test/registry-adapter). */
export function removeFixedShutdownDelay(resourceClass: { prototype: object }): void {
  const base = Object.getPrototypeOf(resourceClass.prototype) as Record<string, unknown>;
  if (typeof base.waitRunningProcesses !== 'function') {
    throw new Error(
      'cloudformation-cli-typescript-lib changed: BaseResource.waitRunningProcesses is gone; review handlers/registry/shutdown.ts.',
    );
  }
  Object.defineProperty(resourceClass.prototype, 'waitRunningProcesses', {
    value: waitRunningProcessesWithoutFixedDelay,
    writable: true,
    configurable: true,
  });
}
