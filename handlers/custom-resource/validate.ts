import { KeySetError } from '../../resource-type/core/errors';
import type { DeploymentTarget, KeySetSpec, ResourceProperties } from '../../resource-type/core/types';

// TEMPORARY until resource-type/validation/index.ts lands (it does not exist yet, and a missing
// import breaks `npm run build` for everyone). Replaced by a re-export of validateProperties.
export function validateProperties(_properties: ResourceProperties, _target: DeploymentTarget): KeySetSpec {
  throw new KeySetError('InternalFailure', 'The property validator is not part of this build yet.');
}
