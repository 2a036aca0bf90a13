import { partitionOf, rootArn } from './partition';
import { accountFromAccessKey } from './sigv4';
import type { OrganizationSpec } from './types';

/** Access keys -> accounts and principals, organizations, identity policies. */
export class Identities {
  private readonly accounts = new Map<string, string>();
  private readonly principals = new Map<string, string>();
  private readonly organizations: OrganizationSpec[] = [];
  private readonly identityPolicies = new Map<string, object[]>();
  /** Credentials issued by AssumeRole: they survive reset() so a held session never turns into the account root. */
  private readonly sessions = new Map<string, { accountId: string; principalArn: string }>();

  constructor(
    private readonly defaultAccountId: string,
    private readonly initial: { accounts?: Record<string, string>; principals?: Record<string, string> } = {},
  ) {
    this.reset();
  }

  reset(): void {
    this.accounts.clear();
    this.principals.clear();
    this.organizations.length = 0;
    this.identityPolicies.clear();
    for (const [key, account] of Object.entries(this.initial.accounts ?? {})) this.accounts.set(key, account);
    for (const [key, principal] of Object.entries(this.initial.principals ?? {})) this.principals.set(key, principal);
  }

  register(accessKeyId: string, accountId: string, principalArn?: string): void {
    if (!/^\d{12}$/.test(accountId)) throw new Error(`Account ID must be 12 digits, got "${accountId}".`);
    this.accounts.set(accessKeyId, accountId);
    if (principalArn) this.principals.set(accessKeyId, principalArn);
    else this.principals.delete(accessKeyId);
  }

  registerSession(accessKeyId: string, accountId: string, principalArn: string): void {
    this.sessions.set(accessKeyId, { accountId, principalArn });
  }

  accountOf(accessKeyId: string): string {
    return (
      this.accounts.get(accessKeyId) ??
      this.sessions.get(accessKeyId)?.accountId ??
      accountFromAccessKey(accessKeyId) ??
      this.defaultAccountId
    );
  }

  /** The caller ARN: a registered principal, else the account root (in the Region's partition). */
  principalOf(accessKeyId: string, region: string): string {
    return (
      this.principals.get(accessKeyId) ??
      this.sessions.get(accessKeyId)?.principalArn ??
      rootArn(partitionOf(region), this.accountOf(accessKeyId))
    );
  }

  registerOrganization(org: OrganizationSpec): void {
    const existing = this.organizations.findIndex((o) => o.id === org.id);
    if (existing >= 0) this.organizations.splice(existing, 1);
    this.organizations.push(org);
  }

  organizationOf(accountId: string): { orgId: string; path: string } | undefined {
    for (const org of this.organizations) {
      const path = org.accounts[accountId];
      if (path !== undefined) return { orgId: org.id, path };
    }
    return undefined;
  }

  putIdentityPolicy(principalArn: string, policy: object): void {
    const list = this.identityPolicies.get(principalArn) ?? [];
    list.push(policy);
    this.identityPolicies.set(principalArn, list);
  }

  identityPoliciesOf(principalArn: string): object[] {
    return this.identityPolicies.get(principalArn) ?? [];
  }
}
