import { converge } from './converge';
import type { OperationInput, OperationOutcome } from './types';

export type { OperationInput, OperationOutcome } from './types';
export { readKeySet } from './read';
export { deleteKeySet } from './delete';
export { rollbackCreateKeySet } from './rollback';
export { listKeySets } from './list';
export { configureEngine, resetEngine, engineTuning, DEFAULT_TUNING, type EngineTuning } from './tuning';
export { HANDLER_PERMISSIONS, type HandlerName } from './permissions';
export { planKeySet, type KeySetPlan, type PlanKeySetOptions } from './plan-key-set';

/** CREATE: see converge.ts (validate first; AlreadyExists; rollback on failure). */
export async function createKeySet(input: OperationInput): Promise<OperationOutcome> {
  return converge(input, 'create');
}

/** UPDATE: see converge.ts (reconcile live to desired; zero calls when nothing differs). */
export async function updateKeySet(input: OperationInput): Promise<OperationOutcome> {
  return converge(input, 'update');
}
