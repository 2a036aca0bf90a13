/**
 * `servicekmskeys start`: deploys the example key sets through the real registry handlers against the embedded
 * emulator (or another endpoint / a real account), shows progress, the keys, the access matrix and a drift
 * repair, then deletes everything. Each step is a function below; `runStart` strings them together.
 */
import { DescribeKeyCommand, GetKeyPolicyCommand, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { startEmulator, type RunningEmulator } from '../../emulator';
import type { CallRecord } from '../../emulator/types';
import { partitionOf } from '../../resource-type/core/partition';
import { ValidationError } from '../../resource-type/core/errors';
import { configureEngine, resetEngine } from '../../resource-type/operations/tuning';
import { policiesEquivalent } from '../../resource-type/policy';
import { CliError, EXIT, type CliIo } from '../command';
import { buildPlan } from '../plan/model';
import type { Style } from '../ui/style';
import { table } from '../ui/table';
import { HandlerFailed, runOperation, type Action, type Credentials, type InvocationReport, type StackResource } from './cloudformation';
import { cellText, demoPrincipals, measureAccess, viaHostFor, type MatrixKey, type MatrixPrincipal } from './matrix';
import { progressLine, shortNote } from './progress';
import { kmsClient, readDeployment, servicesOf, type DeployedKey, type SdkTarget } from './readback';
import { buildDeployments, OUTSIDER_ACCOUNT, type Deployment } from './scenario';
import { resolveRemoteTarget, type StartArgs } from './target';

export const LOCAL_ACCOUNT = '111111111111';
export const LOCAL_ACCESS_KEY = `AKIA${LOCAL_ACCOUNT}EXAMPLE`;

const MUTATING = /^(Create|Put|Update|Enable|Disable|Schedule|Cancel|Tag|Untag|Replicate|Delete|Revoke|Retire)/;

interface Ctx {
  readonly args: StartArgs;
  readonly io: CliIo;
  readonly style: Style;
  readonly emulator?: RunningEmulator;
  readonly sdk: SdkTarget;
  readonly accountId: string;
  /** KMS calls the engine made (all modes), by API. */
  readonly engineCalls: Map<string, number>;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function out(ctx: Ctx, line = ''): void {
  ctx.io.stdout.write(`${line}\n`);
}

function step(ctx: Ctx, n: number, title: string): void {
  out(ctx);
  out(ctx, ctx.style.heading(`${n}. ${title}`));
}

function countBy(names: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const n of names) m.set(n, (m.get(n) ?? 0) + 1);
  return m;
}

function callSummary(counts: ReadonlyMap<string, number>): { total: number; mutating: number; text: string } {
  const entries = [...counts].sort(([a], [b]) => a.localeCompare(b));
  const total = entries.reduce((s, [, c]) => s + c, 0);
  const mutating = entries.filter(([api]) => MUTATING.test(api)).reduce((s, [, c]) => s + c, 0);
  return { total, mutating, text: entries.map(([api, c]) => `${api} ${c}`).join(', ') };
}

/** Calls seen by KMS during `fn`: from the emulator's call log when local, else from the engine's call hook. */
async function countingCalls<T>(ctx: Ctx, fn: () => Promise<T>): Promise<{ result: T; counts: Map<string, number>; source: string }> {
  if (ctx.emulator) {
    const before = ctx.emulator.admin.callLog().length;
    const result = await fn();
    const log: CallRecord[] = ctx.emulator.admin.callLog().slice(before);
    return { result, counts: countBy(log.map((r) => r.operation)), source: 'emulator call log' };
  }
  ctx.engineCalls.clear();
  const result = await fn();
  return { result, counts: new Map(ctx.engineCalls), source: 'calls the engine made' };
}

/** Stack-level tags of a stack, as CloudFormation passes them to the handler. */
const stackTagsOf = (d: Deployment): Record<string, string> => ({ Stack: d.stackName });

function stackResource(ctx: Ctx, d: Deployment): StackResource {
  return {
    stackName: d.stackName,
    logicalId: d.logicalId,
    target: d.target,
    credentials: ctx.sdk.credentials,
    stackTags: stackTagsOf(d),
  };
}

/** Runs one handler operation with progress lines; returns the final model. */
async function operate(
  ctx: Ctx,
  action: Action,
  d: Deployment,
  previous?: Record<string, unknown>,
): Promise<{ model?: Record<string, unknown>; counts: Map<string, number>; source: string; invocations: number; ms: number }> {
  const { style } = ctx;
  const label = `${d.stackName}/${d.logicalId} (${d.projectCode}) in ${d.target.region}${d.role === 'replica' ? `, replica of ${d.properties.PrimaryRegion}` : ''}`;
  out(ctx, `${style.bold(action)} ${label}`);
  const onInvocation = (r: InvocationReport) => {
    const more =
      r.status === 'IN_PROGRESS'
        ? ` — ${r.message ?? 'in progress'}; CloudFormation calls again in ${r.callbackDelaySeconds ?? 0} s with the callbackContext`
        : '';
    out(ctx, style.dim(`    invocation ${r.invocation}: ${r.status} after ${secs(r.ms)}${more}`));
  };
  // The handler's own progress notes (engine → registry adapter → handler log), shown as the handler logs them.
  const onLog = (line: string) => {
    const note = progressLine(line);
    if (!note) return;
    const what = note.service ? `${d.projectCode}/${note.service}` : d.projectCode;
    out(ctx, `    ${style.cyan(note.region.padEnd(14))} ${style.bold(what.padEnd(24))} ${shortNote(note)}`);
  };
  const maxCallbackDelayMs = ctx.emulator ? 1000 : undefined;
  const { result, counts, source } = await countingCalls(ctx, () =>
    runOperation(action, stackResource(ctx, d), d.properties, previous, { onInvocation, onLog, maxCallbackDelayMs }),
  );
  const calls = callSummary(counts);
  if (!ctx.emulator) out(ctx, `    KMS calls: ${calls.text || 'none'}`);
  out(
    ctx,
    `  ${style.ok('✓')} ${action} SUCCESS in ${secs(result.ms)}, ${result.invocations} invocation(s), ${calls.total} KMS calls (${calls.mutating} state-changing; ${source})`,
  );
  return { model: result.model, counts, source, invocations: result.invocations, ms: result.ms };
}

async function deploy(ctx: Ctx, deployments: readonly Deployment[]): Promise<Deployment[]> {
  step(ctx, 1, 'Deploy: CREATE through the registry handler (entrypoint), per key and Region');
  out(ctx, ctx.style.dim("   The lines under each CREATE are the handler's own progress notes, as it writes them to its log."));
  const done: Deployment[] = [];
  for (const d of deployments) {
    await operate(ctx, 'CREATE', d);
    done.push(d);
  }
  return done;
}

async function summary(ctx: Ctx, deployments: readonly Deployment[]): Promise<DeployedKey[]> {
  step(ctx, 2, 'Summary: every key, read back from KMS with the SDK');
  const keys: DeployedKey[] = [];
  for (const d of deployments) keys.push(...(await readDeployment(ctx.sdk, d)));
  const stacks = [...new Set(keys.map((k) => k.deployment.stackName))];
  const rows: string[][] = [];
  for (const stack of stacks) {
    rows.push([ctx.style.bold(`${stack} (${keys.find((k) => k.deployment.stackName === stack)!.deployment.templateFile})`)]);
    for (const k of keys.filter((x) => x.deployment.stackName === stack)) {
      rows.push([
        k.service,
        k.region,
        k.keyId,
        k.alias,
        k.multiRegionType ? k.multiRegionType.toLowerCase() : 'single',
        k.state === 'Enabled' ? k.rotation : ctx.style.warn(`${k.rotation}, ${k.state}`),
        k.policyBytes.toLocaleString('en-US'),
      ]);
    }
  }
  const header = ['SERVICE', 'REGION', 'KEY ID', 'ALIAS', 'KIND', 'ROTATION', 'POLICY BYTES'];
  // Stack rows span the table: they are kept out of the column widths.
  const lines = table([header, ...rows.filter((r) => r.length > 1)], { header: ctx.style.bold, alignRight: [6], indent: '    ' });
  out(ctx, lines[0]!);
  let next = 1;
  for (const row of rows) out(ctx, row.length === 1 ? `  ${row[0]}` : lines[next++]!);
  if (keys.some((k) => k.multiRegionType === 'REPLICA')) {
    out(ctx, ctx.style.dim("  Replicas share their primary's key material and rotation: KMS reports the primary's rotation for them."));
  }
  return keys;
}

function printWords(ctx: Ctx, deployments: readonly Deployment[], keysPerSet = Infinity): void {
  for (const d of deployments) {
    const plan = buildPlan(d.properties, d.target);
    for (const k of plan.keys.slice(0, keysPerSet)) {
      out(ctx, `  ${ctx.style.bold(`${d.projectCode}/${k.service}`)} in ${d.target.region}:`);
      for (const s of k.sentences) out(ctx, `    ${s.effect === 'Deny' ? ctx.style.bad('DENY ') : ''}${s.text}`);
    }
  }
}

async function accessMatrix(ctx: Ctx, deployments: readonly Deployment[], keys: readonly DeployedKey[]): Promise<void> {
  step(ctx, 3, 'Access matrix: who can do what with which key');
  if (!ctx.emulator) {
    out(ctx, "  From the key policies (describeAccess, in words); real calls need the emulator's authorization mode:");
    printWords(ctx, deployments);
    return;
  }
  const matrixKeys: MatrixKey[] = keys.map((k) => ({
    label: `${k.deployment.projectCode}/${k.service}`,
    service: k.service,
    region: k.region,
    keyArn: k.keyArn,
  }));
  const matrix = await measureAccess(ctx.emulator, LOCAL_ACCESS_KEY, ctx.accountId, matrixKeys);
  out(ctx, `  Real calls against the emulator in authorization mode (key policy + the caller's IAM policies): ${matrix.calls} calls.`);
  out(ctx, '  E = Encrypt, G = GenerateDataKey, D = Decrypt, P = GetKeyPolicy (administrators), - = AccessDenied for all four,');
  out(
    ctx,
    '  n/a = the service has no kms:ViaService route. "via" = the call comes through the key\'s AWS service (kms:ViaService), as when',
  );
  out(ctx, '  S3 encrypts an object for the caller; services get only the actions they use, and some also require their encryption');
  out(ctx, '  context (CloudWatch Logs: the log group ARN), which these test calls do not send.');
  const header = ['KEY', 'REGION', ...matrix.principals.map((p) => p.column)];
  const rows = matrix.keys.map((k, i) => [
    k.label,
    k.region,
    ...matrix.cells[i]!.map((c, j) =>
      matrix.principals[j]!.viaService && !viaHostFor(k.service, k.region)
        ? ctx.style.dim('n/a')
        : cellText(c) === '-'
          ? ctx.style.dim('-')
          : ctx.style.ok(cellText(c)),
    ),
  ]);
  for (const line of table([header, ...rows], { header: ctx.style.bold, indent: '  ' })) out(ctx, line);
  out(ctx, '  Columns:');
  for (const p of matrix.principals) out(ctx, `    ${p.column.padEnd(13)} ${p.who}`);
  out(ctx);
  const example = deployments.find((d) => d.stackName === 'kms-cross-account') ?? deployments[0]!;
  out(ctx, `  The same in words, from the rendered key policy (first key of ${example.stackName}; "servicekmskeys plan" shows every key):`);
  printWords(ctx, [example], 1);
}

const OUTSIDER: MatrixPrincipal = {
  column: 'Outsider',
  who: `role/Outsider in ${OUTSIDER_ACCOUNT}`,
  accountId: OUTSIDER_ACCOUNT,
  role: 'Outsider',
  identityPolicy: demoPrincipals(LOCAL_ACCOUNT).find((p) => p.role === 'Outsider')!.identityPolicy,
  viaService: false,
};

async function outsiderCanDecrypt(ctx: Ctx, key: DeployedKey): Promise<boolean> {
  const m = await measureAccess(
    ctx.emulator!,
    LOCAL_ACCESS_KEY,
    ctx.accountId,
    [{ label: key.alias, service: key.service, region: key.region, keyArn: key.keyArn }],
    [OUTSIDER],
  );
  return m.cells[0]![0]!.decrypt;
}

async function driftRepair(ctx: Ctx, deployments: readonly Deployment[], keys: readonly DeployedKey[]): Promise<void> {
  const { style } = ctx;
  step(ctx, 4, 'Drift repair: change a key policy out of band, then UPDATE with the same properties');
  const d =
    deployments.find((x) => x.stackName === 'kms-cross-account') ?? deployments.find((x) => x.role !== 'replica') ?? deployments[0]!;
  const key = keys.find((k) => k.deployment === d)!;
  const kms = kmsClient(ctx.sdk, key.region);
  try {
    const desired = key.policy;
    const doc = JSON.parse(desired) as { Statement: unknown[] };
    const partition = partitionOf(key.region);
    const stranger = ctx.emulator || ctx.args.endpoint ? OUTSIDER_ACCOUNT : ctx.accountId;
    doc.Statement.push({
      Sid: 'OutOfBandChange',
      Effect: 'Allow',
      Principal: { AWS: `arn:${partition}:iam::${stranger}:root` },
      Action: ctx.emulator || ctx.args.endpoint ? ['kms:Decrypt', 'kms:Encrypt'] : ['kms:DescribeKey'],
      Resource: '*',
    });
    await kms.send(new PutKeyPolicyCommand({ KeyId: key.keyId, PolicyName: 'default', Policy: JSON.stringify(doc) }));
    out(
      ctx,
      `  Out of band (SDK PutKeyPolicy as the account): added statement "OutOfBandChange" to ${key.alias} in ${key.region}, letting account ${stranger} ${ctx.emulator || ctx.args.endpoint ? 'Encrypt/Decrypt' : 'DescribeKey'}.`,
    );
    if (ctx.emulator)
      out(
        ctx,
        `  Real call: role/Outsider in ${OUTSIDER_ACCOUNT} Decrypt → ${(await outsiderCanDecrypt(ctx, key)) ? style.bad('allowed (drift!)') : 'denied'}`,
      );
    const update = await operate(ctx, 'UPDATE', d, d.properties);
    const calls = callSummary(update.counts);
    const live = (await kms.send(new GetKeyPolicyCommand({ KeyId: key.keyId, PolicyName: 'default' }))).Policy ?? '';
    const repaired = policiesEquivalent(live, desired);
    out(
      ctx,
      `  ${repaired ? style.ok('Repaired') : style.bad('NOT repaired')}: the live policy ${repaired ? 'equals' : 'differs from'} the rendered one again. The UPDATE made ${calls.total} KMS calls, ${calls.mutating} state-changing (${calls.text}; ${update.source}).`,
    );
    if (ctx.emulator)
      out(
        ctx,
        `  Real call: role/Outsider in ${OUTSIDER_ACCOUNT} Decrypt → ${(await outsiderCanDecrypt(ctx, key)) ? style.bad('still allowed') : style.ok('denied')}`,
      );
    if (!repaired) throw new CliError(`Drift repair failed: the ${key.alias} policy in ${key.region} still differs after UPDATE.`);
    const again = await operate(ctx, 'UPDATE', d, d.properties);
    const second = callSummary(again.counts);
    out(ctx, `  The same UPDATE again, nothing drifted: ${second.total} KMS calls, ${second.mutating} state-changing (${second.text}).`);
  } finally {
    kms.destroy();
  }
}

async function teardown(ctx: Ctx, deployments: readonly Deployment[], keys: readonly DeployedKey[]): Promise<void> {
  step(ctx, 5, 'Delete everything (DELETE: aliases removed, keys scheduled for deletion)');
  for (const d of [...deployments].reverse()) await operate(ctx, 'DELETE', d);
  const left: string[] = [];
  for (const k of keys) {
    const kms = kmsClient(ctx.sdk, k.region);
    try {
      const meta = (await kms.send(new DescribeKeyCommand({ KeyId: k.keyId }))).KeyMetadata!;
      if (meta.KeyState !== 'PendingDeletion' && meta.KeyState !== 'PendingReplicaDeletion')
        left.push(`${k.alias} in ${k.region} (${meta.KeyState})`);
    } finally {
      kms.destroy();
    }
  }
  if (left.length > 0) throw new CliError(`After DELETE these keys are not scheduled for deletion: ${left.join(', ')}.`);
  const windows = [...new Set(deployments.map((d) => Number(d.properties.PendingWindowInDays ?? 30)))].join('/');
  out(
    ctx,
    `  ${ctx.style.ok('✓')} all ${keys.length} keys are pending deletion (${windows}-day window; a primary shows PendingReplicaDeletion until its replicas are gone) and their aliases are gone.`,
  );
}

function keepRunning(ctx: Ctx, deployments: readonly Deployment[]): Promise<void> {
  const first = deployments.find((d) => d.target.region === ctx.args.region);
  const e = ctx.emulator!;
  const region = ctx.args.region;
  out(ctx);
  out(ctx, ctx.style.heading('The emulator keeps running with the key sets above (in memory only).'));
  out(ctx, `  Endpoint: ${e.endpoint}`);
  out(ctx, '  Point the AWS CLI or an SDK at it:');
  out(ctx, `    export AWS_ENDPOINT_URL_KMS=${e.endpoint} AWS_ENDPOINT_URL_STS=${e.endpoint}`);
  out(ctx, `    export AWS_ACCESS_KEY_ID=${LOCAL_ACCESS_KEY} AWS_SECRET_ACCESS_KEY=local AWS_REGION=${region}`);
  out(ctx, `    aws kms list-aliases --query "Aliases[?starts_with(AliasName, 'alias/${deployments[0]?.projectCode ?? 'demo'}/')]"`);
  out(
    ctx,
    `    npx servicekmskeys plan ${first?.templateFile ?? 'templates/minimal.yaml'} --account ${ctx.accountId} --region ${region} --diff ${[
      ...Object.entries(first?.parameters ?? {}).map(([k, v]) => `--parameter ${k}=${v}`),
      // The stack-level tag start adds to every key, as CloudFormation would: without it the diff shows it as a removal.
      ...Object.entries(first ? stackTagsOf(first) : {}).map(([k, v]) => `--stack-tag ${k}=${v}`),
    ].join(' ')}`,
  );
  out(ctx, '  Stop with Ctrl-C.');
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}

/** Renders and validates every deployment before anything starts (exit 3 on invalid input). */
async function plannedDeployments(args: StartArgs, io: CliIo, accountId: string, adminArn: string): Promise<Deployment[]> {
  try {
    const deployments = buildDeployments({
      accountId,
      primaryRegion: args.region,
      replicaRegion: args.replicaRegion,
      template: args.template,
      parameters: args.parameters,
      adminArn,
      fictionalPrincipals: !args.realAws,
      cwd: io.cwd,
    });
    for (const d of deployments) buildPlan(d.properties, d.target);
    return deployments;
  } catch (error) {
    if (error instanceof ValidationError) throw new CliError(error.message, EXIT.invalidInput);
    throw error;
  }
}

export async function runStart(args: StartArgs, io: CliIo, style: Style): Promise<number> {
  const started = Date.now();
  const engineCalls = new Map<string, number>();
  let emulator: RunningEmulator | undefined;
  let ctx: Ctx;
  resetEngine();
  const onCall = (e: { api: string }) => void engineCalls.set(e.api, (engineCalls.get(e.api) ?? 0) + 1);
  let deployments: Deployment[];
  if (!args.endpoint && !args.realAws) {
    deployments = await plannedDeployments(args, io, LOCAL_ACCOUNT, `arn:${partitionOf(args.region)}:iam::${LOCAL_ACCOUNT}:role/KeyAdmin`);
    emulator = await startEmulator({ port: args.port ?? 0, replicaCreatingMs: args.replicaCreatingMs, latencyMs: 0 });
    // Local tuning: poll key states every 25 ms instead of 250 ms and ask to be called back after 1 s (not 5 s).
    configureEngine({ endpoint: emulator.endpoint, pollIntervalMs: 25, waitCallbackDelaySeconds: 1, onCall });
    ctx = {
      args,
      io,
      style,
      emulator,
      sdk: { endpoint: emulator.endpoint, credentials: { accessKeyId: LOCAL_ACCESS_KEY, secretAccessKey: 'local' } },
      accountId: LOCAL_ACCOUNT,
      engineCalls,
    };
    io.stdout.write(
      `${style.heading('servicekmskeys start')} — the example key sets on the embedded KMS emulator at ${emulator.endpoint} (no AWS account needed)\n`,
    );
  } else {
    const remote = await resolveRemoteTarget(args, io);
    deployments = await plannedDeployments(
      args,
      io,
      remote.accountId,
      args.realAws ? remote.adminArn : `arn:${partitionOf(args.region)}:iam::${remote.accountId}:role/KeyAdmin`,
    );
    configureEngine({ ...(args.endpoint ? { endpoint: args.endpoint } : {}), onCall });
    ctx = { args, io, style, sdk: { endpoint: args.endpoint, credentials: remote.credentials }, accountId: remote.accountId, engineCalls };
    io.stdout.write(
      `${style.heading('servicekmskeys start')} — ${args.realAws ? style.warn('REAL AWS account') : `endpoint ${args.endpoint}`} ${remote.accountId} as ${remote.callerArn}\n`,
    );
  }
  out(
    ctx,
    `  Account ${ctx.accountId}; primary Region ${args.region}, replica Region ${args.replicaRegion}. Every operation goes through the registry handler's entrypoint with CloudFormation-shaped requests.`,
  );
  out(
    ctx,
    `  Stacks: ${[...new Set(deployments.map((d) => `${d.stackName} (${d.templateFile})`))].join(', ')}; ${deployments.reduce((n, d) => n + servicesOf(d).length, 0)} keys in total.`,
  );
  const created: Deployment[] = [];
  try {
    for (const d of await deploy(ctx, deployments)) created.push(d);
    const keys = await summary(ctx, created);
    await accessMatrix(ctx, created, keys);
    await driftRepair(ctx, created, keys);
    if (args.keepRunning) {
      await keepRunning(ctx, created);
      return EXIT.ok;
    }
    await teardown(ctx, created, keys);
    created.length = 0;
    out(ctx);
    out(ctx, style.ok(`Done in ${secs(Date.now() - started)}: deployed, inspected, repaired and deleted through the real handlers.`));
    return EXIT.ok;
  } catch (error) {
    if (created.length > 0 && !emulator) {
      out(ctx, style.warn(`Cleaning up after the failure: DELETE ${created.length} key set(s)...`));
      for (const d of [...created].reverse()) {
        try {
          await runOperation('DELETE', stackResource(ctx, d), d.properties, undefined);
        } catch (cleanup) {
          out(ctx, style.bad(`  DELETE ${d.stackName} in ${d.target.region} failed: ${(cleanup as Error).message}`));
        }
      }
    }
    if (error instanceof HandlerFailed) {
      // Only the library's error lines, with the credentials blanked (they are real ones with --real-aws).
      const secrets = Object.values(ctx.sdk.credentials).filter((v): v is string => typeof v === 'string' && v.length > 0);
      const lines = error.logs
        .filter((l) => /^(Handler error|Exception caught)/.test(l))
        .map((l) => secrets.reduce((text, secret) => text.split(secret).join('<REDACTED>'), l));
      throw new CliError(`${error.message}${lines.length > 0 ? `\nHandler log:\n  ${lines.slice(-3).join('\n  ')}` : ''}`);
    }
    throw error;
  } finally {
    resetEngine();
    await emulator?.stop();
  }
}

export type { Credentials };
