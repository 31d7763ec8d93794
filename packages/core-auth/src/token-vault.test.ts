import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import type { Account } from "./account.js";
import { type TokenSet, TokenVault } from "./token-vault.js";

const account: Account = {
  id: "google:alex",
  provider: "google",
  subject: "alex",
  displayName: "Alex Example",
  email: "alex@example.com",
  status: "signed-in",
  addedAt: 1,
  updatedAt: 1,
};
const tokens: TokenSet = {
  accessToken: "ya29.access-SECRET-value",
  refreshToken: "1//refresh-SECRET-value",
  expiresAt: 5_000,
  scope: "openid",
};

function newVault(indexedDB = new IDBFactory()) {
  return { vault: new TokenVault({ indexedDB, IDBKeyRange }), indexedDB };
}

/** Every byte the database holds for a table row, as text, to search for plaintext. */
function bytesAsText(value: unknown): string {
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString("latin1");
  if (ArrayBuffer.isView(value)) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("latin1");
  }
  if (typeof value === "object" && value !== null) {
    return Object.values(value).map(bytesAsText).join("|");
  }
  return String(value);
}

describe("TokenVault", () => {
  it("keeps accounts and gives tokens back", async () => {
    const { vault } = newVault();
    await vault.saveAccount(account, tokens);
    expect(await vault.listAccounts()).toEqual([account]);
    expect(await vault.getAccount(account.id)).toEqual(account);
    expect(await vault.readTokens(account.id)).toEqual(tokens);
    expect(await vault.readTokens("google:other")).toBeUndefined();
  });

  it("stores tokens encrypted, never as plaintext", async () => {
    const { vault } = newVault();
    await vault.saveAccount(account, tokens);
    const rows = await vault.database.tokens.toArray();
    expect(rows).toHaveLength(1);
    const stored = bytesAsText(rows[0]);
    expect(stored).not.toContain("SECRET");
    expect(stored).not.toContain(tokens.accessToken);
    expect(stored).not.toContain(tokens.refreshToken);
    expect(rows[0]?.sealed.iv.byteLength).toBe(12);
  });

  it("keeps the key in IndexedDB as a non-extractable AES-GCM CryptoKey", async () => {
    const { vault } = newVault();
    await vault.saveAccount(account, tokens);
    const [row] = await vault.database.keys.toArray();
    const key = row?.key;
    expect(key).toBeInstanceOf(CryptoKey);
    expect(key?.extractable).toBe(false);
    expect(key?.algorithm).toMatchObject({ name: "AES-GCM", length: 256 });
    await expect(crypto.subtle.exportKey("raw", key as CryptoKey)).rejects.toThrow();
    await expect(crypto.subtle.exportKey("jwk", key as CryptoKey)).rejects.toThrow();
  });

  it("uses a fresh IV for every write", async () => {
    const { vault } = newVault();
    await vault.saveAccount(account, tokens);
    const first = (await vault.database.tokens.get(account.id))?.sealed;
    await vault.updateTokens(account.id, tokens, 2);
    const second = (await vault.database.tokens.get(account.id))?.sealed;
    expect(Buffer.from(second?.iv ?? [])).not.toEqual(Buffer.from(first?.iv ?? []));
    expect(Buffer.from(second?.data ?? new ArrayBuffer(0))).not.toEqual(
      Buffer.from(first?.data ?? new ArrayBuffer(0)),
    );
  });

  it("reads tokens written by another connection (the key is persisted)", async () => {
    const { vault, indexedDB } = newVault();
    await vault.saveAccount(account, tokens);
    vault.close();
    const reopened = newVault(indexedDB).vault;
    expect(await reopened.readTokens(account.id)).toEqual(tokens);
  });

  it("creates one key when two connections start at once", async () => {
    const indexedDB = new IDBFactory();
    const a = newVault(indexedDB).vault;
    const b = newVault(indexedDB).vault;
    await Promise.all([a.saveAccount(account, tokens), b.savePendingSignIn(pending("s1"))]);
    expect(await a.database.keys.count()).toBe(1);
    expect(await b.readTokens(account.id)).toEqual(tokens);
  });

  it("refuses tampered ciphertext or a record moved to another account (auth/storage-failed)", async () => {
    const { vault } = newVault();
    await vault.saveAccount(account, tokens);
    await vault.saveAccount({ ...account, id: "google:sam" }, tokens);
    const row = await vault.database.tokens.get(account.id);
    if (row === undefined) throw new Error("no row");
    await vault.database.tokens.put({ ...row, accountId: "google:sam" });
    await expect(vault.readTokens("google:sam")).rejects.toMatchObject({
      code: "auth/storage-failed",
      details: { operation: "read-tokens", reason: "OperationError" },
    });
    const bytes = new Uint8Array(row.sealed.data.slice(0));
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await vault.database.tokens.put({ ...row, sealed: { ...row.sealed, data: bytes.buffer } });
    await expect(vault.readTokens(account.id)).rejects.toMatchObject({
      code: "auth/storage-failed",
    });
  });

  it("wraps IndexedDB failures as auth/storage-failed with the cause", async () => {
    const { vault } = newVault();
    await vault.listAccounts();
    vault.close();
    const error = await vault.listAccounts().catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: "auth/storage-failed",
      details: { operation: "list-accounts", reason: "DatabaseClosedError" },
    });
    expect((error as Error).cause).toMatchObject({ name: "DatabaseClosedError" });
  });

  it("wraps a missing IndexedDB as auth/storage-failed", async () => {
    const broken = {
      open() {
        throw new DOMException("IndexedDB is disabled", "InvalidStateError");
      },
    } as unknown as IDBFactory;
    const vault = new TokenVault({ indexedDB: broken, IDBKeyRange });
    await expect(vault.listAccounts()).rejects.toMatchObject({ code: "auth/storage-failed" });
  });

  it("marks an account needs-sign-in once and drops its tokens", async () => {
    const { vault } = newVault();
    await vault.saveAccount(account, tokens);
    expect(await vault.markNeedsSignIn(account.id, 9)).toMatchObject({
      status: "needs-sign-in",
      updatedAt: 9,
    });
    expect(await vault.markNeedsSignIn(account.id, 10)).toBeUndefined();
    expect(await vault.readTokens(account.id)).toBeUndefined();
    expect(await vault.markNeedsSignIn("google:none", 10)).toBeUndefined();
  });

  it("does not bring tokens back for a deleted account", async () => {
    const { vault } = newVault();
    await vault.saveAccount(account, tokens);
    expect(await vault.deleteAccount(account.id)).toBe(true);
    expect(await vault.updateTokens(account.id, tokens, 3)).toBe(false);
    expect(await vault.readTokens(account.id)).toBeUndefined();
    expect(await vault.deleteAccount(account.id)).toBe(false);
  });
});

function pending(state: string, createdAt = 1_000) {
  return {
    state,
    provider: "microsoft" as const,
    redirectUri: "http://127.0.0.1/cb",
    codeVerifier: `verifier-SECRET-${state}-0123456789012345678901234567890123`,
    createdAt,
  };
}

describe("TokenVault pending sign-ins", () => {
  it("gives an attempt out once, then reports reuse", async () => {
    const { vault } = newVault();
    await vault.savePendingSignIn(pending("s1"));
    expect(await vault.takePendingSignIn("s1", 2_000, 60_000)).toEqual({
      kind: "found",
      pending: pending("s1"),
    });
    expect(await vault.takePendingSignIn("s1", 2_000, 60_000)).toEqual({ kind: "reused" });
    expect(await vault.takePendingSignIn("nope", 2_000, 60_000)).toEqual({ kind: "unknown" });
  });

  it("reports an old attempt as expired and keeps it unused", async () => {
    const { vault } = newVault();
    await vault.savePendingSignIn(pending("s1"));
    expect(await vault.takePendingSignIn("s1", 61_001, 60_000)).toEqual({ kind: "expired" });
    expect(await vault.takePendingSignIn("s1", 61_002, 60_000)).toEqual({ kind: "expired" });
  });

  it("stores the verifier encrypted and forgets it once used", async () => {
    const { vault } = newVault();
    await vault.savePendingSignIn(pending("s1"));
    const row = await vault.database.pendingSignIns.get("s1");
    expect(bytesAsText(row)).not.toContain("SECRET");
    await vault.takePendingSignIn("s1", 2_000, 60_000);
    const used = await vault.database.pendingSignIns.get("s1");
    expect(used?.sealedVerifier).toBeUndefined();
    expect(used?.usedAt).toBe(2_000);
  });

  it("hands an attempt to only one of two concurrent takers", async () => {
    const { vault } = newVault();
    await vault.savePendingSignIn(pending("s1"));
    const kinds = await Promise.all([
      vault.takePendingSignIn("s1", 2_000, 60_000),
      vault.takePendingSignIn("s1", 2_000, 60_000),
    ]);
    expect(kinds.map((lookup) => lookup.kind).sort()).toEqual(["found", "reused"]);
  });

  it("purges attempts created before a time", async () => {
    const { vault } = newVault();
    await vault.savePendingSignIn(pending("old", 1_000));
    await vault.savePendingSignIn(pending("new", 5_000));
    expect(await vault.purgePendingSignIns(2_000)).toBe(1);
    expect(await vault.takePendingSignIn("old", 5_000, 60_000)).toEqual({ kind: "unknown" });
    expect((await vault.takePendingSignIn("new", 5_000, 60_000)).kind).toBe("found");
  });
});
