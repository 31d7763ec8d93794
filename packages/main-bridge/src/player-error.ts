import type {
  PlayerErrorCode,
  PlayerErrorData,
  PlayerErrorDetails,
  SerializedCause,
} from "@player/core-runtime";

/** The registered marker shared with `@player/core-runtime`'s PlayerError. */
export const PLAYER_ERROR_MARKER: unique symbol = Symbol.for("@player/error") as never;

/**
 * The SDK's error on the page's side. The worker's errors arrive as
 * {@link PlayerErrorData} and are rebuilt as this class. It carries the same
 * registered marker as the worker's class, so `isPlayerError` from either
 * side recognises both; this bundle imports no code from the core packages,
 * which is why the class is declared here too.
 */
export class PlayerError extends Error {
  readonly [PLAYER_ERROR_MARKER] = true;
  override readonly name = "PlayerError" as const;
  readonly code: PlayerErrorCode;
  readonly fatal: boolean;
  readonly retryable: boolean;
  readonly details: PlayerErrorDetails | undefined;

  constructor(
    code: PlayerErrorCode,
    message: string,
    options: {
      fatal?: boolean;
      retryable?: boolean;
      cause?: unknown;
      details?: PlayerErrorDetails;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.fatal = options.fatal ?? false;
    this.retryable = options.retryable ?? false;
    this.details = options.details;
  }

  /** True for any PlayerError, from the page or from the worker. */
  static isInstance(value: unknown): value is PlayerError {
    return isPlayerError(value);
  }

  /** Rebuilds an error that crossed postMessage as data. */
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

  /** Plain data, the same shape the worker sends. */
  toJSON(): PlayerErrorData {
    const data: PlayerErrorData = {
      name: "PlayerError",
      code: this.code,
      message: this.message,
      fatal: this.fatal,
      retryable: this.retryable,
    };
    if (this.details !== undefined) data.details = this.details;
    const cause = serializeCause(this.cause, 0);
    if (cause !== undefined) data.cause = cause;
    return data;
  }
}

/** True for a PlayerError from the page or the worker (checked by marker). */
export function isPlayerError(value: unknown): value is PlayerError {
  return (
    value instanceof Error &&
    (value as unknown as Record<symbol, unknown>)[PLAYER_ERROR_MARKER] === true &&
    typeof (value as { code?: unknown }).code === "string"
  );
}

/** True for the data form of a PlayerError. */
export function isPlayerErrorData(value: unknown): value is PlayerErrorData {
  if (typeof value !== "object" || value === null) return false;
  const data = value as Record<string, unknown>;
  return (
    data.name === "PlayerError" &&
    typeof data.code === "string" &&
    typeof data.message === "string" &&
    typeof data.fatal === "boolean" &&
    typeof data.retryable === "boolean"
  );
}

const MAX_CAUSE_DEPTH = 4;

/**
 * Reduces a cause to {@link SerializedCause}, as the worker's class does: an
 * Error (a DataCloneError from a call, say) kept as-is would turn into `{}` in
 * JSON and is not the plain data `toJSON()` promises.
 */
function serializeCause(cause: unknown, depth: number): SerializedCause | undefined {
  if (cause === undefined || depth >= MAX_CAUSE_DEPTH) return undefined;
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
