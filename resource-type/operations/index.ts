import { KeySetError } from '../core/errors';
import type { OperationInput, OperationOutcome } from './types';

export type { OperationInput, OperationOutcome } from './types';

// Placeholders until the reconcile engine lands (issue: registry handlers). They fail with a
// clear InvalidRequest so the adapter wiring can be tested end to end.
function notImplemented(action: string): never {
  throw new KeySetError('InvalidRequest', `${action} is not implemented yet in this build of Org::Security::ServiceKmsKeys.`);
}

export async function createKeySet(_input: OperationInput): Promise<OperationOutcome> {
  return notImplemented('CREATE');
}
export async function readKeySet(_input: OperationInput): Promise<OperationOutcome> {
  return notImplemented('READ');
}
export async function updateKeySet(_input: OperationInput): Promise<OperationOutcome> {
  return notImplemented('UPDATE');
}
export async function deleteKeySet(_input: OperationInput): Promise<OperationOutcome> {
  return notImplemented('DELETE');
}
export async function listKeySets(_input: OperationInput): Promise<OperationOutcome> {
  return notImplemented('LIST');
}
