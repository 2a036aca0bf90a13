import { GatewayFactory } from '../gateway';
import type { KmsGateway } from '../gateway/kms-gateway';
import type { Timing } from '../gateway/timing';
import { HANDLER_PERMISSIONS, type HandlerName } from './permissions';
import { engineTuning, type EngineTuning } from './tuning';
import type { OperationInput } from './types';

/** One invocation's clients, clock and deadline. */
export interface Session {
  readonly handler: HandlerName;
  readonly tuning: EngineTuning;
  readonly timing: Timing;
  /** Epoch ms after which no KMS call starts (input deadline minus the reserve). */
  readonly deadline: number;
  readonly gw: KmsGateway;
  gwFor(region: string): KmsGateway;
  close(): void;
}

export function openSession(input: OperationInput, handler: HandlerName): Session {
  const tuning = engineTuning();
  const timing = tuning.timing;
  const now = timing.now();
  const limit = tuning.maxInvocationMs !== undefined ? Math.min(input.deadline, now + tuning.maxInvocationMs) : input.deadline;
  const deadline = limit - tuning.deadlineReserveMs;
  const factory = new GatewayFactory({
    credentials: input.credentials,
    deadline,
    timing,
    retry: tuning.retry,
    quotaHeadroom: tuning.quotaHeadroom,
    endpoint: tuning.endpoint,
    callTimeoutMs: tuning.callTimeoutMs,
    handler,
    allowedActions: tuning.enforcePermissions ? new Set(HANDLER_PERMISSIONS[handler]) : undefined,
    onCall: tuning.onCall,
    beforeCall: tuning.beforeCall,
  });
  return {
    handler,
    tuning,
    timing,
    deadline,
    gw: factory.forRegion(input.target.region),
    gwFor: (region) => factory.forRegion(region),
    close: () => factory.destroy(),
  };
}
