/**
 * The CloudFormation contract tests (contract-tests.md §4) against the emulator, through the real
 * registry `entrypoint` with HandlerRequest payloads, for every inputs/inputs_N_* set. The SDK
 * finds the emulator through AWS_ENDPOINT_URL_KMS only (the standard variable), and the engine
 * runs with a short per-invocation budget so IN_PROGRESS loops really happen.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { resource } from '../../handlers/registry/handlers';
import { configureEngine, resetEngine } from '../../resource-type/operations/tuning';
import { createKeySet } from '../../resource-type/operations';
import { ContractClient, copy, inputEqualsOutput, primaryIdentifier, updateInput } from './contract-client';

type Json = Record<string, unknown>;
const ACCOUNT = '111111111111';
const REGION = 'eu-west-1';
const CREDENTIALS = { accessKeyId: `AKIA${ACCOUNT}EXAMPLE`, secretAccessKey: 'secret', sessionToken: 'session' };
const INPUTS = join(__dirname, '../../inputs');

function inputSets(): Array<{ n: number; create: Json; update: Json; invalid: Json }> {
  const sets = [];
  for (let n = 1; existsSync(join(INPUTS, `inputs_${n}_create.json`)); n++) {
    const read = (kind: string) => JSON.parse(readFileSync(join(INPUTS, `inputs_${n}_${kind}.json`), 'utf8')) as Json;
    sets.push({ n, create: read('create'), update: read('update'), invalid: read('invalid') });
  }
  return sets;
}

let emulator: RunningEmulator;
let client: ContractClient;
const savedEndpoint = process.env.AWS_ENDPOINT_URL_KMS;

beforeAll(async () => {
  emulator = await startEmulator({ latencyMs: { min: 3, max: 12 }, replicaCreatingMs: 150 });
  process.env.AWS_ENDPOINT_URL_KMS = emulator.endpoint;
  resetEngine();
  // ~150 ms of work per invocation: creates and updates span several invocations.
  configureEngine({
    maxInvocationMs: 150,
    deadlineReserveMs: 20,
    pollIntervalMs: 20,
    quotaHeadroom: 20,
    retry: { baseDelayMs: 5, maxDelayMs: 50, maxAttempts: 8, invalidPrincipalAttempts: 3 },
    waitCallbackDelaySeconds: 1,
  });
  // The lib waits a fixed 1 s for log delivery after every invocation; nothing is delivered here.
  jest.spyOn(resource as unknown as { waitRunningProcesses(): Promise<void> }, 'waitRunningProcesses').mockResolvedValue(undefined);
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  client = new ContractClient({ accountId: ACCOUNT, region: REGION, credentials: CREDENTIALS });
});

afterAll(async () => {
  resetEngine();
  if (savedEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL_KMS;
  else process.env.AWS_ENDPOINT_URL_KMS = savedEndpoint;
  await emulator.stop();
});

afterEach(() => {
  // Every response of every test passes the generic checks of §3.
  expect(client.violations).toEqual([]);
});

const model = (r: Json): Json => r.resourceModel as Json;

async function primaryKeySetFor(create: Json): Promise<void> {
  // Replica-mode inputs: deploy the primary key set in PrimaryRegion first (as a user would).
  const primaryRegion = create.PrimaryRegion as string | undefined;
  if (!primaryRegion || primaryRegion === REGION) return;
  const props = { ...copy(create), PrimaryRegion: primaryRegion };
  let callbackContext: Record<string, unknown> | undefined;
  for (let i = 0; i < 30; i++) {
    const outcome = await createKeySet({
      target: { accountId: ACCOUNT, region: primaryRegion, partition: 'aws' },
      properties: props,
      credentials: CREDENTIALS,
      requestToken: 'primary',
      callbackContext,
      deadline: Date.now() + 10_000,
    });
    if (outcome.status === 'SUCCESS') return;
    callbackContext = outcome.callbackContext;
  }
  throw new Error('primary key set did not finish');
}

describe.each(inputSets())('contract tests with inputs_$n', ({ create, update, invalid }) => {
  beforeAll(async () => {
    emulator.admin.reset();
    await primaryKeySetFor(create);
  });

  describe('handler_create', () => {
    let created: Json;
    it('contract_create_delete', async () => {
      const c = await client.call('CREATE', create);
      expect(c.response.status).toBe('SUCCESS');
      expect(primaryIdentifier(model(c.response)).every(Boolean)).toBe(true);
      expect(inputEqualsOutput(create, model(c.response))).toEqual([]);
      const d = await client.call('DELETE', model(c.response));
      expect(d.response.status).toBe('SUCCESS');
    });

    it('fixture created_resource (create after delete, input == output)', async () => {
      const c = await client.call('CREATE', create);
      expect(c.response.status).toBe('SUCCESS');
      expect(inputEqualsOutput(create, model(c.response))).toEqual([]);
      created = model(c.response);
    });

    it('contract_create_create: the same input again is AlreadyExists', async () => {
      const again = await client.call('CREATE', create);
      expect(again.response).toMatchObject({ status: 'FAILED', errorCode: 'AlreadyExists' });
    });

    it('contract_create_read', async () => {
      const r = await client.call('READ', created);
      expect(r.response.status).toBe('SUCCESS');
      expect(inputEqualsOutput(created, model(r.response))).toEqual([]);
      expect(inputEqualsOutput(create, model(r.response))).toEqual([]);
    });

    it('contract_create_list', async () => {
      const listed = await client.list(created);
      expect(listed.some((m) => JSON.stringify(primaryIdentifier(m)) === JSON.stringify(primaryIdentifier(created)))).toBe(true);
    });

    it('contract_create_taggable: the create input has Tags', () => {
      expect(create).toHaveProperty('Tags');
    });

    it('teardown: delete', async () => {
      expect((await client.call('DELETE', created)).response.status).toBe('SUCCESS');
    });
  });

  describe('handler_delete', () => {
    let deleted: Json;
    it('fixture deleted_resource: create then delete (no model in the delete response)', async () => {
      const c = await client.call('CREATE', create);
      expect(c.response.status).toBe('SUCCESS');
      deleted = model(c.response);
      const d = await client.call('DELETE', deleted);
      expect(d.response.status).toBe('SUCCESS');
      expect(d.response).not.toHaveProperty('resourceModel');
    });

    it('contract_delete_read', async () => {
      expect((await client.call('READ', deleted)).response).toMatchObject({ status: 'FAILED', errorCode: 'NotFound' });
    });

    it('contract_delete_list', async () => {
      const listed = await client.list(deleted);
      expect(listed.some((m) => JSON.stringify(primaryIdentifier(m)) === JSON.stringify(primaryIdentifier(deleted)))).toBe(false);
    });

    it('contract_delete_update', async () => {
      const u = updateInput(deleted, update);
      expect((await client.call('UPDATE', u, deleted)).response).toMatchObject({ status: 'FAILED', errorCode: 'NotFound' });
    });

    it('contract_delete_delete', async () => {
      expect((await client.call('DELETE', deleted)).response).toMatchObject({ status: 'FAILED', errorCode: 'NotFound' });
    });

    it('contract_delete_create: re-create after delete succeeds, then delete', async () => {
      const c = await client.call('CREATE', create);
      expect(c.response.status).toBe('SUCCESS');
      expect((await client.call('DELETE', model(c.response))).response.status).toBe('SUCCESS');
    });

    it('teardown: delete is SUCCESS or NotFound', async () => {
      const d = await client.call('DELETE', deleted);
      expect(d.response.status === 'SUCCESS' || d.response.errorCode === 'NotFound').toBe(true);
    });
  });

  describe('handler_update', () => {
    let created: Json;
    let u: Json;
    let updated: Json;
    it('fixture updated_resource: update output equals the update input', async () => {
      const c = await client.call('CREATE', create);
      expect(c.response.status).toBe('SUCCESS');
      created = model(c.response);
      u = updateInput(created, update);
      const r = await client.call('UPDATE', u, created);
      expect(r.response.status).toBe('SUCCESS');
      updated = model(r.response);
      expect(inputEqualsOutput(u, updated)).toEqual([]);
    });

    it('contract_update_read', async () => {
      const r = await client.call('READ', updated);
      expect(r.response.status).toBe('SUCCESS');
      expect(primaryIdentifier(created)).toEqual(primaryIdentifier(updated));
      expect(inputEqualsOutput(updated, model(r.response))).toEqual([]);
      expect(inputEqualsOutput(u, model(r.response))).toEqual([]);
    });

    it('contract_update_list', async () => {
      const listed = await client.list(updated);
      expect(listed.some((m) => JSON.stringify(primaryIdentifier(m)) === JSON.stringify(primaryIdentifier(updated)))).toBe(true);
    });

    it('contract_update_tag_updatable: the update input has Tags', () => {
      expect(u).toHaveProperty('Tags');
    });

    it('teardown: delete', async () => {
      expect((await client.call('DELETE', updated)).response.status).toBe('SUCCESS');
    });
  });

  describe('inputs_N_invalid (not used by cfn test 0.2.39 for resources; checked here)', () => {
    it('CREATE with the invalid input fails with InvalidRequest before any KMS call', async () => {
      emulator.admin.clearCallLog();
      const r = await client.call('CREATE', invalid);
      expect(r.response).toMatchObject({ status: 'FAILED', errorCode: 'InvalidRequest' });
      expect(emulator.admin.callLog()).toEqual([]);
    });
  });

  describe('handler_update_invalid', () => {
    it('contract_update_without_create: NotFound with a message (stale identifier of a deleted key set)', async () => {
      const r = await client.call('UPDATE', { ...copy(update), ProjectCode: create.ProjectCode }, create);
      expect(r.response).toMatchObject({ status: 'FAILED', errorCode: 'NotFound' });
      expect(String(r.response.message).length).toBeGreaterThan(0);
    });
  });
});

describe('IN_PROGRESS loop rules', () => {
  it('long operations really returned IN_PROGRESS with the full model, identifier and a callbackContext, then finished', () => {
    const progress = client.invocations.filter((i) => i.response.status === 'IN_PROGRESS');
    expect(progress.length).toBeGreaterThan(0);
    for (const { request, response } of progress) {
      const sent = (request.requestData as Json).resourceProperties as Json;
      // The full model comes back (writeOnly PendingWindowInDays kept for the next invocation).
      expect(inputEqualsOutput(sent, response.resourceModel as Json)).toEqual([]);
      expect((response.resourceModel as Json).PendingWindowInDays).toBe(sent.PendingWindowInDays);
      expect(response.callbackContext).toMatchObject({ engine: 'servicekmskeys/1' });
    }
  });
});

afterAll(() => {
  if (process.env.DEBUG_CONTRACT)
    for (const { request, response } of client.invocations)
      if (response.status === 'FAILED') console.error(request.action, response.errorCode, response.message);
});
