/**
 * The one place where failures become the registry lib's exception classes. The lib derives
 * `errorCode` from the class name, so the lib classes are thrown directly (never subclassed).
 */
import { exceptions } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { KeySetError, type KeySetErrorCode } from '../../resource-type/core/errors';

type HandlerException = InstanceType<typeof exceptions.InvalidRequest>;

const BY_CODE: Readonly<Record<Exclude<KeySetErrorCode, 'NotFound' | 'AlreadyExists'>, new (message: string) => HandlerException>> = {
  InvalidRequest: exceptions.InvalidRequest,
  NotUpdatable: exceptions.NotUpdatable,
  AccessDenied: exceptions.AccessDenied,
  InvalidCredentials: exceptions.InvalidCredentials,
  ResourceConflict: exceptions.ResourceConflict,
  Throttling: exceptions.Throttling,
  ServiceLimitExceeded: exceptions.ServiceLimitExceeded,
  NotStabilized: exceptions.NotStabilized,
  GeneralServiceException: exceptions.GeneralServiceException,
  ServiceInternalError: exceptions.ServiceInternalError,
  NetworkFailure: exceptions.NetworkFailure,
  InternalFailure: exceptions.InternalFailure,
};

/**
 * Maps any thrown value to a lib exception. `identifier` names the resource in NotFound and
 * AlreadyExists (whose lib constructors build a fixed message from type name and identifier).
 */
export function toHandlerException(error: unknown, typeName: string, identifier: string): HandlerException {
  if (error instanceof exceptions.BaseHandlerException) return error as HandlerException;
  if (error instanceof KeySetError) {
    if (error.code === 'NotFound') return new exceptions.NotFound(typeName, identifier);
    if (error.code === 'AlreadyExists') return new exceptions.AlreadyExists(typeName, identifier);
    const Exception = BY_CODE[error.code] ?? exceptions.InternalFailure;
    return new Exception(error.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new exceptions.InternalFailure(`Unexpected error in ${typeName} handler: ${message || 'no message'}`);
}
