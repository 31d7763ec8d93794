import type { AccountSummary as RuntimeAccountSummary } from "@player/core-runtime";
import type { AuthProviderId } from "./providers.js";

export type { AccountStatus } from "@player/core-runtime";

/**
 * Stable id of one signed-in account, unique across providers (several
 * accounts per provider are allowed): `${provider}:${subject}`. Treat it as opaque.
 */
export type AccountId = string;

/** A signed-in account as events and the page see it; the same type as core-runtime's. */
export type AccountSummary = RuntimeAccountSummary;

/** A cloud account the user has signed in with. Plain data: safe to store and to post; never holds tokens. */
export interface Account extends AccountSummary {
  /** Stable id of this account. */
  id: AccountId;
  /** Which provider the account belongs to. */
  provider: AuthProviderId;
  /** The provider's stable id for the person (Google `sub`, Microsoft Graph `id`). */
  subject: string;
  /** When the account was first added, in milliseconds since the epoch. */
  addedAt: number;
  /** When the account last signed in or changed status, in milliseconds since the epoch. */
  updatedAt: number;
}

/** The id of the account of `subject` at `provider`. */
export function accountIdOf(provider: AuthProviderId, subject: string): AccountId {
  return `${provider}:${subject}`;
}

/** The {@link AccountSummary} of an account: only the fields the page may see. */
export function toAccountSummary(account: Account): AccountSummary {
  const summary: AccountSummary = {
    id: account.id,
    provider: account.provider,
    displayName: account.displayName,
    status: account.status,
  };
  if (account.email !== undefined) summary.email = account.email;
  return summary;
}
