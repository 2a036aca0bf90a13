import { LoggerProxy } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib/dist/log-delivery';
import { entrypoint } from '../../handlers/registry/handlers';
import { removeFixedShutdownDelay } from '../../handlers/registry/shutdown';
import { handlerRequest } from './payloads';

// The lib's own CommonJS exports object (resource.js calls `utils_1.delay(1)` through it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const libUtils = require('@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib/dist/utils') as {
  delay(seconds: number): Promise<void>;
};

describe('end of invocation without the lib fixed 1 s sleep', () => {
  const savedEndpoint = process.env.AWS_ENDPOINT_URL;
  beforeAll(() => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
  });
  afterAll(() => {
    jest.restoreAllMocks();
    if (savedEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL;
    else process.env.AWS_ENDPOINT_URL = savedEndpoint;
  });

  test('entrypoint still waits for log delivery but never calls the lib delay(1)', async () => {
    const delay = jest.spyOn(libUtils, 'delay');
    const waitCompletion = jest.spyOn(LoggerProxy.prototype, 'waitCompletion');
    const event = (await entrypoint(handlerRequest('READ'), {} as never)) as unknown as Record<string, unknown>;
    expect(event.status).toBe('FAILED');
    expect(waitCompletion).toHaveBeenCalled();
    expect(delay.mock.calls.filter(([seconds]) => seconds === 1)).toEqual([]);
  });

  test('refuses to patch a lib whose base class no longer has waitRunningProcesses', () => {
    class Base {}
    class Derived extends Base {}
    expect(() => removeFixedShutdownDelay(Derived)).toThrow(/waitRunningProcesses is gone/);
  });
});
