import type { AuthProviderId } from "./providers.js";

/**
 * Stable id of one signed-in account, unique across providers (several
 * accounts per provider are allowed). Treat it as opaque.
 */
export type AccountId = string;

/** A cloud account the user has signed in with. Plain data: safe to store and to post. */
export interface Account {
  /** Stable id of this account. */
  id: AccountId;
  /** Which provider the account belongs to. */
  provider: AuthProviderId;
  /** The name to show for the account, from the provider's profile. */
  displayName: string;
  /** The account's e-mail address, when the provider discloses one. */
  email?: string;
  /** When the account was added, in milliseconds since the epoch. */
  addedAt: number;
}
