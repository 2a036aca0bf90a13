/**
 * What an update of each writable property does, in CloudFormation's words ("No interruption",
 * "Replacement") plus what the handlers really call. Keyed by `<Property>` for top-level
 * properties and `<Definition>.<Property>` for nested ones. The resource-doc generator refuses a
 * schema with a writable property missing here (or an entry naming no property), so a new field
 * cannot ship without its update behaviour. Source of truth for the behaviour: docs/behaviour.md
 * and resource-type/plan/planner.ts.
 */

const POLICY_ONLY_ALL_KEYS =
  'No interruption. Every key policy is re-rendered; each key whose policy changed gets one PutKeyPolicy. Removed access stops within seconds to minutes (KMS is eventually consistent).';
const POLICY_ONLY_THIS_KEY = "No interruption. Only this key's policy is re-rendered and written with PutKeyPolicy when it changed.";
const STATEMENT_FIELD =
  'No interruption. The key policy holding the statement is re-rendered for each Region and written with PutKeyPolicy; the size, lockout and public-access checks run again before any call.';

export const UPDATE_BEHAVIOUR: Readonly<Record<string, string>> = {
  // Top level.
  ProjectCode:
    'Replacement. CloudFormation creates a new key set (new keys, aliases alias/<new ProjectCode>/<service>) and then deletes the old one: its keys are scheduled for deletion after PendingWindowInDays, and data encrypted with them becomes unreadable once they are deleted. Re-encrypt the data first, or set UpdateReplacePolicy: Retain.',
  PrimaryRegion:
    'Replacement, which fails: the replacement has the same ProjectCode in the same account and Region, so its create stops with AlreadyExists while the old key set exists (nothing is changed). To change it, remove the resource (DeletionPolicy decides what happens to the keys) and add it again, or change ProjectCode at the same time.',
  Services:
    'No interruption. Entries are matched by Service, so reordering changes nothing. An added entry creates a key and its alias; a removed entry has its key scheduled for deletion after PendingWindowInDays (then its alias deleted), and data encrypted with that key becomes unreadable once it is deleted; a changed entry is updated in place as described under ServiceKey.',
  KeyAdministratorArns: POLICY_ONLY_ALL_KEYS,
  KeyUserArns: POLICY_ONLY_ALL_KEYS,
  TrustedAccountIds: POLICY_ONLY_ALL_KEYS,
  TrustedOrganizationId: POLICY_ONLY_ALL_KEYS,
  TrustedOrganizationalUnitPaths: POLICY_ONLY_ALL_KEYS,
  CrossAccountAccessViaService: POLICY_ONLY_ALL_KEYS,
  PendingWindowInDays:
    'No interruption and no KMS call. The new window applies to keys removed or deleted afterwards; keys already pending deletion keep their deletion date.',
  Tags: 'No interruption. On every key: TagResource for added or changed tags (values overwritten in place), UntagResource for removed tags; the ownership tags are never removed.',

  // ServiceKey (one entry of Services).
  'ServiceKey.Service':
    'A new key (removal plus addition). Changing the Service of an entry removes the old service, whose key is scheduled for deletion after PendingWindowInDays and its alias deleted (data encrypted with it becomes unreadable once it is deleted), and adds the new service: a new key with a new alias is created for the new service.',
  'ServiceKey.Enabled':
    'No interruption. EnableKey or DisableKey. While the key is disabled every cryptographic use fails (DisabledException); the key material and policy are kept.',
  'ServiceKey.EnableKeyRotation':
    'No interruption. EnableKeyRotation or DisableKeyRotation (a disabled key is enabled for the call and disabled again, as KMS requires). In a replica key set the value is not applied: rotation of a multi-Region key is set on the primary and synced to its replicas.',
  'ServiceKey.RotationPeriodInDays':
    'No interruption. EnableKeyRotation with the new period, only while EnableKeyRotation is true. Not applied in a replica key set (synced from the primary).',
  'ServiceKey.MultiRegion':
    'Not updatable (the update fails). Cannot change once the key exists: an update that changes it fails with InvalidRequest before any change is made (KMS cannot convert a key between single-Region and multi-Region). To change it, remove the service in one update (its key is scheduled for deletion) and add it back in a later update (a new key). Must be true for every enabled key of a replica key set.',
  'ServiceKey.Description': "No interruption. UpdateKeyDescription; removing it restores the catalog's default description.",
  'ServiceKey.KeyPolicy':
    'No interruption. PutKeyPolicy with the new document (placeholders substituted for each Region); removing KeyPolicy returns the key to the generated policy.',
  'ServiceKey.AdditionalPolicyStatements': POLICY_ONLY_THIS_KEY,
  'ServiceKey.KeyUserArns': POLICY_ONLY_THIS_KEY,
  'ServiceKey.EventSourceServices': POLICY_ONLY_THIS_KEY,
  'ServiceKey.SourceArns': POLICY_ONLY_THIS_KEY,
  'ServiceKey.NodeRoleArns': POLICY_ONLY_THIS_KEY,
  'ServiceKey.GlobalTables': POLICY_ONLY_THIS_KEY,
  'ServiceKey.AutoScalingGrants': POLICY_ONLY_THIS_KEY,
  'ServiceKey.Tags':
    "No interruption. TagResource / UntagResource on this key only; its tags override the key set's Tags with the same key.",

  // Tag (key set Tags and per-key Tags).
  'Tag.Key': 'No interruption. Renaming a tag key removes the old tag (UntagResource) and adds the new one (TagResource).',
  'Tag.Value': 'No interruption. TagResource overwrites the value in place; the key is never without the tag in between.',

  // PolicyStatement (AdditionalPolicyStatements).
  'PolicyStatement.Sid':
    'No interruption. Statements are merged by Sid, so a new Sid replaces the old statement with a new one in the same PutKeyPolicy.',
  'PolicyStatement.Effect': STATEMENT_FIELD,
  'PolicyStatement.Principal': STATEMENT_FIELD,
  'PolicyStatement.NotPrincipal': STATEMENT_FIELD,
  'PolicyStatement.Action': STATEMENT_FIELD,
  'PolicyStatement.NotAction': STATEMENT_FIELD,
  'PolicyStatement.Resource': STATEMENT_FIELD,
  'PolicyStatement.NotResource': STATEMENT_FIELD,
  'PolicyStatement.Condition': STATEMENT_FIELD,
};
