import { HandlerErrorCode, exceptions } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { toHandlerException } from '../../handlers/registry/errors';
import { KeySetError, ValidationError, type KeySetErrorCode } from '../../resource-type/core/errors';

const TYPE = 'Org::Security::ServiceKmsKeys';
const CODES: KeySetErrorCode[] = [
  'InvalidRequest',
  'NotFound',
  'AlreadyExists',
  'NotUpdatable',
  'AccessDenied',
  'InvalidCredentials',
  'ResourceConflict',
  'Throttling',
  'ServiceLimitExceeded',
  'NotStabilized',
  'GeneralServiceException',
  'ServiceInternalError',
  'NetworkFailure',
  'InternalFailure',
];

describe('toHandlerException', () => {
  test.each(CODES)('KeySetError %s becomes a FAILED event with that errorCode', (code) => {
    const event = toHandlerException(new KeySetError(code, `Problem ${code}.`), TYPE, 'org').toProgressEvent();
    expect(event.status).toBe('FAILED');
    expect(event.errorCode).toBe(HandlerErrorCode[code]);
    expect(event.message.length).toBeGreaterThan(0);
  });

  test('messages of other codes are kept', () => {
    const event = toHandlerException(new KeySetError('NotUpdatable', 'MultiRegion of s3 cannot change.'), TYPE, 'org').toProgressEvent();
    expect(event.message).toContain('MultiRegion of s3 cannot change.');
  });

  test('NotFound and AlreadyExists name the type and the identifier', () => {
    expect(toHandlerException(new KeySetError('NotFound', 'x'), TYPE, 'org').message).toContain(`'${TYPE}' with identifier 'org'`);
    expect(toHandlerException(new KeySetError('AlreadyExists', 'x'), TYPE, 'org').message).toContain("'org'");
  });

  test('ValidationError is InvalidRequest with the issue text', () => {
    const error = new ValidationError([{ property: 'Services/0/RotationPeriodInDays', value: 5, message: 'must be 90-2560.' }]);
    const event = toHandlerException(error, TYPE, 'org').toProgressEvent();
    expect(event.errorCode).toBe('InvalidRequest');
    expect(event.message).toContain('RotationPeriodInDays');
  });

  test('lib exceptions pass through unchanged', () => {
    const original = new exceptions.Throttling('slow down');
    expect(toHandlerException(original, TYPE, 'org')).toBe(original);
  });

  test.each([new Error('boom'), new TypeError('bad'), 'a string', undefined])('unexpected %p is InternalFailure', (thrown) => {
    const event = toHandlerException(thrown, TYPE, 'org').toProgressEvent();
    expect(event.errorCode).toBe('InternalFailure');
    expect(event.message).toMatch(/Unexpected error/);
  });
});
