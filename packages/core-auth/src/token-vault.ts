import type { Account, AccountId } from "./account.js";
import { type AccountRecord, AUTH_DATABASE_NAME, AuthDatabase } from "./auth-database.js";
import { storageFailed } from "./auth-errors.js";
import type { AuthProviderId } from "./providers.js";
import { TokenCipher } from "./token-cipher.js";

/** One account's tokens, as held in memory for a moment; encrypted at rest. */
export interface TokenSet {
  accessToken: string;
  /** Absent when the provider issued none (then the session ends with the access token). */
  refreshToken?: string;
  /** When the access token expires, in milliseconds since the epoch. */
  expiresAt: number;
  /** The scopes granted, space-separated, when the provider said. */
  scope?: string;
}

/** A sign-in attempt started by `beginSignIn`, persisted so a restarted worker can finish it. */
export interface PendingSignIn {
  state: string;
  provider: AuthProviderId;
  redirectUri: string;
  codeVerifier: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** What {@link TokenVault.takePendingSignIn} found for a state. */
export type PendingSignInLookup =
  | { kind: "found"; pending: PendingSignIn }
  | { kind: "unknown" }
  | { kind: "expired" }
  | { kind: "reused" };

/** Options of {@link TokenVault}. */
export interface TokenVaultOptions {
  /** IndexedDB database name. Default `player-auth`. */
  name?: string;
  /** The IndexedDB factory; default the realm's `indexedDB`. Inject `fake-indexeddb` in Node. */
  indexedDB?: IDBFactory;
  /** Goes with {@link TokenVaultOptions.indexedDB}. */
  IDBKeyRange?: typeof IDBKeyRange;
  /** WebCrypto; default the realm's `crypto`. */
  crypto?: Crypto;
}

const KEY_ID = "tokens";

/**
 * Accounts and their tokens in IndexedDB (Dexie database `player-auth`).
 * Tokens and PKCE verifiers are encrypted with AES-GCM under a non-extractable
 * key kept in the same database, so a copy of the database files alone does
 * not reveal them. Every storage failure rejects with `auth/storage-failed`.
 *
 * @example
 * ```ts
 * import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
 * const vault = new TokenVault({ indexedDB: new IDBFactory(), IDBKeyRange });
 * ```
 */
export class TokenVault {
  readonly #db: AuthDatabase;
  readonly #cipher: TokenCipher;
  #key: Promise<CryptoKey> | undefined;

  constructor(options: TokenVaultOptions = {}) {
    const name = options.name ?? AUTH_DATABASE_NAME;
    this.#db =
      options.indexedDB === undefined
        ? new AuthDatabase(name)
        : new AuthDatabase(name, {
            indexedDB: options.indexedDB,
            IDBKeyRange: options.IDBKeyRange ?? globalThis.IDBKeyRange,
          });
    this.#cipher = new TokenCipher(options.crypto);
  }

  /** The underlying Dexie database (for diagnostics and tests). */
  get database(): AuthDatabase {
    return this.#db;
  }

  /** Every stored account, oldest first. */
  listAccounts(): Promise<Account[]> {
    return this.#guard("list-accounts", async () => {
      const rows = await this.#db.accounts.toArray();
      return rows.sort((a, b) => a.addedAt - b.addedAt || a.id.localeCompare(b.id)).map(toAccount);
    });
  }

  /** One account, or `undefined`. */
  getAccount(id: AccountId): Promise<Account | undefined> {
    return this.#guard("get-account", async () => {
      const row = await this.#db.accounts.get(id);
      return row === undefined ? undefined : toAccount(row);
    });
  }

  /** Stores (adds or replaces) an account and its tokens in one transaction. */
  saveAccount(account: Account, tokens: TokenSet): Promise<void> {
    return this.#guard("save-account", async () => {
      const sealed = await this.#seal(JSON.stringify(tokens), tokenContext(account.id));
      await this.#db.transaction("rw", this.#db.accounts, this.#db.tokens, async () => {
        await this.#db.accounts.put(toRecord(account));
        await this.#db.tokens.put({ accountId: account.id, sealed, updatedAt: account.updatedAt });
      });
    });
  }

  /** The account's tokens, or `undefined` when it has none. */
  readTokens(id: AccountId): Promise<TokenSet | undefined> {
    return this.#guard("read-tokens", async () => {
      const row = await this.#db.tokens.get(id);
      if (row === undefined) return undefined;
      const text = await this.#cipher.open(await this.#getKey(), row.sealed, tokenContext(id));
      return JSON.parse(text) as TokenSet;
    });
  }

  /**
   * Replaces the account's tokens if the account still exists (a refresh that
   * ends after sign-out must not bring tokens back). Resolves whether it did.
   */
  updateTokens(id: AccountId, tokens: TokenSet, at: number): Promise<boolean> {
    return this.#guard("update-tokens", async () => {
      const sealed = await this.#seal(JSON.stringify(tokens), tokenContext(id));
      return this.#db.transaction("rw", this.#db.accounts, this.#db.tokens, async () => {
        if ((await this.#db.accounts.get(id)) === undefined) return false;
        await this.#db.tokens.put({ accountId: id, sealed, updatedAt: at });
        return true;
      });
    });
  }

  /**
   * Marks the account `needs-sign-in` and deletes its tokens. Resolves with the
   * updated account, or `undefined` when it was gone or already marked.
   */
  markNeedsSignIn(id: AccountId, at: number): Promise<Account | undefined> {
    return this.#guard("mark-needs-sign-in", () =>
      this.#db.transaction("rw", this.#db.accounts, this.#db.tokens, async () => {
        const row = await this.#db.accounts.get(id);
        await this.#db.tokens.delete(id);
        if (row === undefined || row.status === "needs-sign-in") return undefined;
        const updated: AccountRecord = { ...row, status: "needs-sign-in", updatedAt: at };
        await this.#db.accounts.put(updated);
        return toAccount(updated);
      }),
    );
  }

  /** Deletes an account and its tokens. Resolves whether the account existed. */
  deleteAccount(id: AccountId): Promise<boolean> {
    return this.#guard("delete-account", () =>
      this.#db.transaction("rw", this.#db.accounts, this.#db.tokens, async () => {
        const existed = (await this.#db.accounts.get(id)) !== undefined;
        await this.#db.accounts.delete(id);
        await this.#db.tokens.delete(id);
        return existed;
      }),
    );
  }

  /** Stores a sign-in attempt (replacing one with the same state). */
  savePendingSignIn(pending: PendingSignIn): Promise<void> {
    return this.#guard("save-pending-sign-in", async () => {
      const sealedVerifier = await this.#seal(pending.codeVerifier, verifierContext(pending.state));
      await this.#db.pendingSignIns.put({
        state: pending.state,
        provider: pending.provider,
        redirectUri: pending.redirectUri,
        createdAt: pending.createdAt,
        sealedVerifier,
      });
    });
  }

  /**
   * Takes a sign-in attempt for completion, at most once: marks it used and
   * forgets its verifier in the same transaction, so two concurrent
   * completions cannot both get it.
   *
   * @param maxAgeMs - Attempts older than this are `expired` (and stay unused).
   */
  takePendingSignIn(state: string, now: number, maxAgeMs: number): Promise<PendingSignInLookup> {
    return this.#guard("take-pending-sign-in", async () => {
      const taken = await this.#db.transaction("rw", this.#db.pendingSignIns, async () => {
        const row = await this.#db.pendingSignIns.get(state);
        if (row === undefined) return { kind: "unknown" } as const;
        if (row.usedAt !== undefined || row.sealedVerifier === undefined) {
          return { kind: "reused" } as const;
        }
        if (now - row.createdAt > maxAgeMs) return { kind: "expired" } as const;
        const { sealedVerifier: _verifier, ...used } = row;
        await this.#db.pendingSignIns.put({ ...used, usedAt: now });
        return { kind: "taken", row } as const;
      });
      if (taken.kind !== "taken") return taken;
      const { row } = taken;
      const sealed = row.sealedVerifier;
      if (sealed === undefined) return { kind: "reused" };
      const codeVerifier = await this.#cipher.open(
        await this.#getKey(),
        sealed,
        verifierContext(state),
      );
      return {
        kind: "found",
        pending: {
          state: row.state,
          provider: row.provider,
          redirectUri: row.redirectUri,
          codeVerifier,
          createdAt: row.createdAt,
        },
      };
    });
  }

  /** Deletes sign-in attempts created before `before` (used or not). Resolves how many. */
  purgePendingSignIns(before: number): Promise<number> {
    return this.#guard("purge-pending-sign-ins", () =>
      this.#db.pendingSignIns.where("createdAt").below(before).delete(),
    );
  }

  /** Closes the database connection. */
  close(): void {
    this.#db.close();
  }

  async #seal(text: string, context: string) {
    return this.#cipher.seal(await this.#getKey(), text, context);
  }

  #getKey(): Promise<CryptoKey> {
    this.#key ??= this.#loadKey().catch((error: unknown) => {
      this.#key = undefined; // let a later call try again
      throw error;
    });
    return this.#key;
  }

  async #loadKey(): Promise<CryptoKey> {
    const stored = await this.#db.keys.get(KEY_ID);
    if (stored !== undefined) return stored.key;
    // WebCrypto calls cannot run inside an IndexedDB transaction: make a
    // candidate first, then keep whichever key is stored first.
    const candidate = await this.#cipher.generateKey();
    return this.#db.transaction("rw", this.#db.keys, async () => {
      const raced = await this.#db.keys.get(KEY_ID);
      if (raced !== undefined) return raced.key;
      await this.#db.keys.put({ id: KEY_ID, key: candidate, createdAt: Date.now() });
      return candidate;
    });
  }

  async #guard<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw storageFailed(operation, error);
    }
  }
}

function tokenContext(accountId: AccountId): string {
  return `player-auth:tokens:${accountId}`;
}

function verifierContext(state: string): string {
  return `player-auth:verifier:${state}`;
}

function toAccount(row: AccountRecord): Account {
  const account: Account = {
    id: row.id,
    provider: row.provider,
    subject: row.subject,
    displayName: row.displayName,
    status: row.status,
    addedAt: row.addedAt,
    updatedAt: row.updatedAt,
  };
  if (row.email !== undefined) account.email = row.email;
  return account;
}

function toRecord(account: Account): AccountRecord {
  return toAccount(account);
}
