import type { AccountStatus } from "@player/core-runtime";
import { Dexie, type Table } from "dexie";
import type { AuthProviderId } from "./providers.js";

/** Default name of the IndexedDB database that holds accounts and encrypted tokens. */
export const AUTH_DATABASE_NAME = "player-auth";

/** Bytes sealed with AES-GCM: a fresh 96-bit IV and the ciphertext (with its tag). */
export interface SealedBox {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

/** The one row of `keys`: the non-extractable AES-GCM key (a structured clone of the CryptoKey). */
export interface KeyRecord {
  id: string;
  key: CryptoKey;
  createdAt: number;
}

/** A row of `accounts`: plain, non-secret data. */
export interface AccountRecord {
  id: string;
  provider: AuthProviderId;
  subject: string;
  displayName: string;
  email?: string;
  status: AccountStatus;
  addedAt: number;
  updatedAt: number;
}

/** A row of `tokens`: one account's token set, encrypted. */
export interface TokenRecord {
  accountId: string;
  sealed: SealedBox;
  updatedAt: number;
}

/** A row of `pendingSignIns`: a sign-in attempt, its PKCE verifier encrypted. */
export interface PendingSignInRecord {
  state: string;
  provider: AuthProviderId;
  redirectUri: string;
  createdAt: number;
  /** When `completeSignIn` took it; kept a while so a replay is told from an unknown state. */
  usedAt?: number;
  /** The code verifier; removed once used. */
  sealedVerifier?: SealedBox;
}

/** Where Dexie finds IndexedDB; inject `fake-indexeddb` in Node tests. */
export interface IndexedDbDependencies {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

/**
 * The `player-auth` Dexie database: the encryption key, accounts, encrypted
 * tokens and pending sign-ins.
 */
export class AuthDatabase extends Dexie {
  keys!: Table<KeyRecord, string>;
  accounts!: Table<AccountRecord, string>;
  tokens!: Table<TokenRecord, string>;
  pendingSignIns!: Table<PendingSignInRecord, string>;

  /**
   * @param name - Database name. Default {@link AUTH_DATABASE_NAME}.
   * @param dependencies - IndexedDB to use; default: the realm's own.
   */
  constructor(name: string = AUTH_DATABASE_NAME, dependencies?: IndexedDbDependencies) {
    super(name, dependencies === undefined ? undefined : { ...dependencies });
    this.version(1).stores({
      keys: "id",
      accounts: "id, provider",
      tokens: "accountId",
      pendingSignIns: "state, createdAt",
    });
  }
}
