/**
 * The one error class of the SDK. Errors cross postMessage and may come from
 * duplicate installs, so they are recognised by a registered symbol marker and
 * by their plain-data shape, never by `instanceof` alone.
 */

/** Registered symbol, so two copies of this module recognise each other's errors. */
export const PLAYER_ERROR_MARKER: unique symbol = Symbol.for("@player/error") as never;

/**
 * Every stable error code. Packages add their own codes by augmenting this
 * interface (`declare module "@player/core-runtime" { interface PlayerErrorCodes { ... } }`).
 */
export interface PlayerErrorCodes {
  /** A bug or an unexpected exception inside the SDK. */
  "runtime/internal": true;
  /** A config object had an unknown key, a wrong type or a forbidden key. */
  "runtime/invalid-config": true;
  /** A public method was called with an argument of the wrong type or shape. */
  "runtime/invalid-argument": true;
  /** A call came before the worker was initialised. */
  "runtime/not-ready": true;
  /** The player was disposed; no further calls are possible. */
  "runtime/disposed": true;
  /** The worker stopped answering its heartbeat or died. */
  "runtime/worker-lost": true;
  /** An event listener threw; the event still reached every other listener. */
  "runtime/listener-failed": true;
  /** The request took longer than its timeout. */
  "http/timeout": true;
  /** The caller aborted the request through its AbortSignal. */
  "http/aborted": true;
  /** The request never got an HTTP answer (DNS, reset connection, offline). */
  "http/network": true;
  /** The server answered with a status the caller does not accept. */
  "http/status": true;
  /** The server asked us to slow down (429) and retries ran out. */
  "http/rate-limited": true;
  /** A range answer did not match the range asked for. */
  "http/range-mismatch": true;
  /** The range starts past the end of the resource (416). */
  "http/range-not-satisfiable": true;
  /** `completeSignIn` got a state this player never issued (or forgot long ago): a forged or stale callback. */
  "auth/invalid-state": true;
  /** The sign-in attempt is older than 10 minutes; start a new one. */
  "auth/state-expired": true;
  /** The sign-in attempt was already completed once: a replayed callback. */
  "auth/state-reused": true;
  /** The provider refused to exchange the authorization code; details carry its `error` and `error_description`. */
  "auth/exchange-failed": true;
  /** Signed in, but the provider's profile (name, e-mail, subject) could not be read. */
  "auth/profile-failed": true;
  /** The provider refused the refresh token: the account must sign in again. Fatal for that account. */
  "auth/session-expired": true;
  /** Refreshing the access token failed for a reason that may pass (network, 5xx, 429). */
  "auth/refresh-failed": true;
  /** No signed-in account has this id. */
  "auth/unknown-account": true;
  /** The user closed the sign-in window before signing in (reported by the page). */
  "auth/cancelled": true;
  /** The provider answered the authorization request with an error other than a refusal. */
  "auth/authorization-failed": true;
  /** The provider has no client configuration in this player. */
  "auth/provider-not-configured": true;
  /** The token store (IndexedDB, WebCrypto) failed; the original error is the `cause`. */
  "auth/storage-failed": true;
  /** The browser refused to store more library data (QuotaExceededError); free space and retry. */
  "library/quota-exceeded": true;
  /** The library database was closed (deleted, or closed for an upgrade by another tab); reopen the player. */
  "library/database-closed": true;
  /** Another tab holds the library database at another version, so it cannot be opened or upgraded. */
  "library/blocked": true;
  /** Any other library storage failure (IndexedDB, Dexie); the original error is the `cause`. */
  "library/storage-failed": true;
  /** No playlist, entry or track has this id. */
  "library/not-found": true;
  /** A sync job was stopped through its AbortSignal; the next job resumes from the stored cursor. */
  "sync/cancelled": true;
  /** The provider refused the access token even after one refresh. */
  "sync/unauthorized": true;
  /** The provider refused access (403) for a reason other than rate limiting. */
  "sync/access-denied": true;
  /** The provider answered with a body the connector cannot read. */
  "sync/invalid-response": true;
  /** The provider no longer honours the stored cursor; the job restarts a full listing. */
  "sync/resync-required": true;
  /** Storing a batch in the library failed; the original error is the `cause`. */
  "sync/target-failed": true;
  /** A file's tags could not be read (unknown format, broken tags); the parser's error is the `cause`. */
  "metadata/unreadable": true;
  /** An image (embedded, beside the music or remote) is not a picture the player can use, or is too large. */
  "metadata/artwork-unreadable": true;
  /** A remote metadata service (MusicBrainz, Cover Art Archive, LRCLIB) failed or answered nonsense. */
  "metadata/remote-failed": true;
  /** The file is not audio the player recognises (sniffed from its bytes, not its name). */
  "playback/unsupported-format": true;
  /** The container is known but no decoder for its codec exists on this platform (e.g. AAC without WebCodecs). */
  "playback/unsupported-codec": true;
  /** The decoder failed and cannot go on; the original error is the `cause`. */
  "playback/decode-failed": true;
  /** Damaged frames were skipped; playback goes on (a warning, not fatal). */
  "playback/corrupt-data": true;
  /** The file ends before its headers say it should; what exists was played (a warning). */
  "playback/truncated": true;
  /** Reading the file failed after retries; `retryable` says whether trying again may help. */
  "playback/source-failed": true;
  /** The track is not in the library, or its file is gone from the cloud. */
  "playback/track-not-found": true;
  /** A newer `play()`, `seek()` or `stop()` replaced this request. */
  "playback/superseded": true;
  /** The audio output (AudioContext, AudioWorklet) could not be started or failed. */
  "playback/output-failed": true;
}

/** A stable, namespaced error code such as `http/timeout`. */
export type PlayerErrorCode = keyof PlayerErrorCodes;

/** Structured-clone-safe extra facts about an error (status, key, url...). */
export type PlayerErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

/** A plain-data cause: what is left of an arbitrary thrown value after serialisation. */
export interface SerializedCause {
  name: string;
  message: string;
  code?: string;
  cause?: SerializedCause;
}

/** The plain-data form of a {@link PlayerError}; this is what crosses postMessage. */
export interface PlayerErrorData {
  name: "PlayerError";
  code: PlayerErrorCode;
  message: string;
  fatal: boolean;
  retryable: boolean;
  details?: PlayerErrorDetails;
  cause?: SerializedCause;
  stack?: string;
}

/** Options for {@link PlayerError}. */
export interface PlayerErrorOptions {
  /** The player (or the pipeline that reported it) cannot go on. Default `false`. */
  fatal?: boolean;
  /** Trying the same thing again may work. Default `false`. */
  retryable?: boolean;
  /** The error this one wraps; kept as `cause`. */
  cause?: unknown;
  details?: PlayerErrorDetails;
}

const MAX_CAUSE_DEPTH = 4;

/**
 * The SDK's error: a stable `code`, `fatal`, `retryable`, an optional `cause`.
 *
 * @example
 * ```ts
 * try { await player.ready } catch (error) {
 *   if (PlayerError.isInstance(error) && error.code === "runtime/invalid-config") showConfigHelp(error.message);
 * }
 * ```
 */
export class PlayerError extends Error {
  readonly [PLAYER_ERROR_MARKER] = true;
  override readonly name = "PlayerError" as const;
  readonly code: PlayerErrorCode;
  readonly fatal: boolean;
  readonly retryable: boolean;
  readonly details: PlayerErrorDetails | undefined;

  constructor(code: PlayerErrorCode, message: string, options: PlayerErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.fatal = options.fatal ?? false;
    this.retryable = options.retryable ?? false;
    this.details = options.details;
  }

  /** True for any PlayerError, from this copy of the SDK or another one. */
  static isInstance(value: unknown): value is PlayerError {
    return isPlayerError(value);
  }

  /** Rebuilds an error sent as {@link PlayerErrorData}. */
  static fromJSON(data: PlayerErrorData): PlayerError {
    const error = new PlayerError(data.code, data.message, {
      fatal: data.fatal,
      retryable: data.retryable,
      cause: data.cause,
      details: data.details,
    });
    if (data.stack !== undefined) error.stack = data.stack;
    return error;
  }

  /** Plain data that survives structured cloning and JSON. */
  toJSON(): PlayerErrorData {
    const data: PlayerErrorData = {
      name: "PlayerError",
      code: this.code,
      message: this.message,
      fatal: this.fatal,
      retryable: this.retryable,
    };
    if (this.details !== undefined) data.details = { ...this.details };
    const cause = serializeCause(this.cause, 0);
    if (cause !== undefined) data.cause = cause;
    if (this.stack !== undefined) data.stack = this.stack;
    return data;
  }
}

/** True for a PlayerError from any copy of the SDK (checked by marker and shape). */
export function isPlayerError(value: unknown): value is PlayerError {
  return (
    value instanceof Error &&
    (value as unknown as Record<symbol, unknown>)[PLAYER_ERROR_MARKER] === true &&
    typeof (value as { code?: unknown }).code === "string"
  );
}

/** True for the plain-data form of a PlayerError, as received from postMessage. */
export function isPlayerErrorData(value: unknown): value is PlayerErrorData {
  if (typeof value !== "object" || value === null) return false;
  const data = value as Record<string, unknown>;
  return (
    data.name === "PlayerError" &&
    typeof data.code === "string" &&
    data.code.includes("/") &&
    typeof data.message === "string" &&
    typeof data.fatal === "boolean" &&
    typeof data.retryable === "boolean"
  );
}

/**
 * Turns anything thrown into a PlayerError: PlayerErrors pass through, other
 * values are wrapped with `code` and kept as `cause`.
 */
export function toPlayerError(
  value: unknown,
  code: PlayerErrorCode = "runtime/internal",
  options: Omit<PlayerErrorOptions, "cause"> = {},
): PlayerError {
  if (isPlayerError(value)) return value;
  if (isPlayerErrorData(value)) return PlayerError.fromJSON(value);
  const message = value instanceof Error ? value.message : String(value);
  return new PlayerError(code, message, { ...options, cause: value });
}

function serializeCause(cause: unknown, depth: number): SerializedCause | undefined {
  if (cause === undefined || depth >= MAX_CAUSE_DEPTH) return undefined;
  if (isPlayerErrorData(cause)) {
    return cause.cause === undefined
      ? { name: cause.name, message: cause.message, code: cause.code }
      : { name: cause.name, message: cause.message, code: cause.code, cause: cause.cause };
  }
  if (typeof cause === "object" && cause !== null && "message" in cause) {
    const source = cause as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
    const result: SerializedCause = {
      name: typeof source.name === "string" ? source.name : "Error",
      message: String(source.message),
    };
    if (typeof source.code === "string") result.code = source.code;
    const inner = serializeCause(source.cause, depth + 1);
    if (inner !== undefined) result.cause = inner;
    return result;
  }
  return { name: typeof cause, message: String(cause) };
}
