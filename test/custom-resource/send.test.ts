import { sendResponse } from '../../handlers/custom-resource/send';
import { startResponseServer, type ResponseServer } from './response-server';

const FAST = { baseDelayMs: 5, maxDelayMs: 20, attemptTimeoutMs: 2000 };

describe('sendResponse (PUT to the pre-signed ResponseURL)', () => {
  let server: ResponseServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('PUTs the body with an empty Content-Type and an exact Content-Length', async () => {
    server = await startResponseServer();
    const body = JSON.stringify({ Status: 'SUCCESS', Reason: 'déjà vu' });
    await sendResponse(server.url, body, FAST);
    expect(server.received).toHaveLength(1);
    const [request] = server.received;
    expect(request.method).toBe('PUT');
    expect(request.url).toBe(new URL(server.url).pathname + new URL(server.url).search);
    expect(request.headers['content-type']).toBe('');
    expect(request.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(request.body).toBe(body);
  });

  it('retries after network errors until the PUT gets through', async () => {
    server = await startResponseServer({ dropFirst: 2 });
    const retries: number[] = [];
    await sendResponse(server.url, '{"Status":"SUCCESS"}', { ...FAST, onRetry: (attempt) => retries.push(attempt) });
    expect(server.attempts).toBe(3);
    expect(retries).toEqual([1, 2]);
    expect(server.received.map((r) => r.body)).toEqual(['{"Status":"SUCCESS"}']);
  });

  it('retries 5xx answers', async () => {
    server = await startResponseServer({ failFirstWith: { count: 1, status: 503 } });
    await sendResponse(server.url, '{}', FAST);
    expect(server.attempts).toBe(2);
    expect(server.received).toHaveLength(1);
  });

  it('does not retry a refused URL (403: expired or wrong signature)', async () => {
    server = await startResponseServer({ failFirstWith: { count: 5, status: 403 } });
    await expect(sendResponse(server.url, '{}', FAST)).rejects.toThrow(/refused the response with HTTP 403/);
    expect(server.attempts).toBe(1);
  });

  it('gives up after the configured attempts with the last problem in the message', async () => {
    server = await startResponseServer({ dropFirst: 10 });
    await expect(sendResponse(server.url, '{}', { ...FAST, attempts: 3 })).rejects.toThrow(
      /could not be delivered to 127\.0\.0\.1:\d+: socket hang up/,
    );
    expect(server.attempts).toBe(3);
  });

  it('starts no attempt after giveUpAt', async () => {
    server = await startResponseServer({ dropFirst: 10 });
    await expect(
      sendResponse(server.url, '{}', { ...FAST, baseDelayMs: 200, maxDelayMs: 1000, giveUpAt: Date.now() + 100 }),
    ).rejects.toThrow(/could not be delivered/);
    expect(server.attempts).toBe(1);
  });
});
