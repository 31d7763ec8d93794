import { isPlayerError, PlayerError, redactText } from "@player/core-runtime";
import type { Account, AccountId } from "./account.js";
import { failureDetails, type OAuthFailure } from "./oauth-failure.js";

/**
 * A plain `Error` with only the name, the (redacted) message and the code of
 * `error`. OAuth library errors keep response bodies (tokens included) in
 * their `cause`; this is what is kept instead.
 */
export function safeCause(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(redactText(String(error)));
  const copy = new Error(redactText(error.message));
  copy.name = error.name;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") (copy as Error & { code: string }).code = code;
  return copy;
}

/**
 * Wraps an IndexedDB / Dexie / WebCrypto failure as `auth/storage-failed`,
 * keeping the original as `cause`; PlayerErrors pass through.
 */
export function storageFailed(operation: string, error: unknown): PlayerError {
  if (isPlayerError(error)) return error;
  const reason = error instanceof Error ? error.name : typeof error;
  return new PlayerError(
    "auth/storage-failed",
    `The token store failed (${operation}): ${reason}`,
    // A JSON parse error quotes the decrypted text: keep its name only.
    {
      cause: error instanceof SyntaxError ? new SyntaxError("invalid stored JSON") : error,
      details: { operation, reason },
    },
  );
}

/** The error for a state `completeSignIn` cannot use. */
export function stateError(kind: "unknown" | "expired" | "reused"): PlayerError {
  if (kind === "expired") {
    return new PlayerError(
      "auth/state-expired",
      "This sign-in started more than 10 minutes ago; start a new one.",
    );
  }
  if (kind === "reused") {
    return new PlayerError(
      "auth/state-reused",
      "This sign-in was already completed; its callback cannot be used twice.",
    );
  }
  return new PlayerError(
    "auth/invalid-state",
    "The sign-in callback does not match any sign-in started by this player.",
  );
}

/** `auth/unknown-account`. */
export function unknownAccount(accountId: AccountId): PlayerError {
  return new PlayerError("auth/unknown-account", `No account has the id ${accountId}.`, {
    details: { accountId },
  });
}

/** `auth/session-expired`: fatal for the account, not retryable. */
export function sessionExpired(account: Account, failure: OAuthFailure | undefined): PlayerError {
  return new PlayerError(
    "auth/session-expired",
    `The ${account.provider} session of ${account.id} has expired; sign in again.`,
    {
      fatal: true,
      retryable: false,
      details: {
        accountId: account.id,
        provider: account.provider,
        ...(failure === undefined ? {} : failureDetails(failure)),
      },
    },
  );
}

/** `auth/provider-not-configured`. */
export function providerNotConfigured(provider: string): PlayerError {
  return new PlayerError(
    "auth/provider-not-configured",
    `No client is configured for ${String(provider)}.`,
    { details: { provider: String(provider) } },
  );
}
