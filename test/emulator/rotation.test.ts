import {
  CreateKeyCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyRotationCommand,
  GetKeyRotationStatusCommand,
  ReplicateKeyCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { kmsClient, rejection, useEmulator } from './support';

describe('EnableKeyRotation / DisableKeyRotation / GetKeyRotationStatus', () => {
  const emu = useEmulator();

  it('enables rotation with a period (default 365) and reports it', async () => {
    const kms = kmsClient(emu());
    const keyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled).toBe(false);
    await kms.send(new EnableKeyRotationCommand({ KeyId: keyId }));
    expect(await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).toMatchObject({
      KeyRotationEnabled: true,
      RotationPeriodInDays: 365,
    });
    await kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 90 }));
    const status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
    expect(status.RotationPeriodInDays).toBe(90);
    expect(status.NextRotationDate).toBeInstanceOf(Date);
    await kms.send(new DisableKeyRotationCommand({ KeyId: keyId }));
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled).toBe(false);
  });

  it('accepts periods 90-2560 only', async () => {
    const kms = kmsClient(emu());
    const keyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 2560 }));
    for (const period of [89, 2561]) {
      expect((await rejection(kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: period })))).name).toBe(
        'ValidationException',
      );
    }
  });

  it('supports symmetric AWS_KMS keys only', async () => {
    const kms = kmsClient(emu());
    const hmac = (await kms.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }))).KeyMetadata!.KeyId!;
    expect((await rejection(kms.send(new EnableKeyRotationCommand({ KeyId: hmac })))).name).toBe('UnsupportedOperationException');
    const rsa = (await kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }))).KeyMetadata!.KeyId!;
    expect((await rejection(kms.send(new EnableKeyRotationCommand({ KeyId: rsa })))).name).toBe('UnsupportedOperationException');
    const external = (await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!;
    expect(external.KeyState).toBe('PendingImport');
    expect((await rejection(kms.send(new EnableKeyRotationCommand({ KeyId: external.KeyId })))).name).toBe('UnsupportedOperationException');
    expect((await rejection(kms.send(new GetKeyRotationStatusCommand({ KeyId: external.KeyId })))).name).toBe(
      'UnsupportedOperationException',
    );
  });

  it('fails on a disabled key with DisabledException and on a pending key with KMSInvalidStateException', async () => {
    const kms = kmsClient(emu());
    const keyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    expect((await rejection(kms.send(new EnableKeyRotationCommand({ KeyId: keyId })))).name).toBe('DisabledException');
    expect((await rejection(kms.send(new DisableKeyRotationCommand({ KeyId: keyId })))).name).toBe('DisabledException');
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId }));
    expect((await rejection(kms.send(new EnableKeyRotationCommand({ KeyId: keyId })))).name).toBe('KMSInvalidStateException');
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled).toBe(false);
  });

  it('is set on the primary only and reflected on replicas', async () => {
    const eu = kmsClient(emu(), 'eu-west-1');
    const keyId = (await eu.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata!.KeyId!;
    await eu.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'us-east-1' }));
    const us = kmsClient(emu(), 'us-east-1');
    expect((await rejection(us.send(new EnableKeyRotationCommand({ KeyId: keyId })))).name).toBe('UnsupportedOperationException');
    expect((await rejection(us.send(new DisableKeyRotationCommand({ KeyId: keyId })))).name).toBe('UnsupportedOperationException');
    await eu.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 180 }));
    expect(await us.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).toMatchObject({
      KeyRotationEnabled: true,
      RotationPeriodInDays: 180,
    });
  });
});
