/**
 * Lambda entry of the `Custom::ServiceKmsKeys` provider (handler `index.handler`). Same core
 * operations and validation as the registry type; only the protocol differs (see docs/custom-resource.md).
 */
import { createHandler } from './handler';

export { createHandler, type HandlerOptions } from './handler';
export type { CustomResourceEvent, CustomResourceResponse, LambdaContext, RequestType } from './protocol';

export const handler = createHandler();
