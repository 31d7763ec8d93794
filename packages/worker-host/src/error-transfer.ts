import { isPlayerErrorData, PlayerError, toPlayerError } from "@player/core-runtime";
import { type TransferHandler, transferHandlers } from "comlink";

/**
 * Replaces Comlink's "throw" handler in the worker so a thrown PlayerError
 * reaches the page as {@link PlayerErrorData} with its `code`, `fatal` and
 * `retryable` (the default handler keeps only message, name and stack).
 * Anything else thrown becomes `runtime/internal` with the original as cause.
 */
export function installErrorTransferHandler(): void {
  const original = transferHandlers.get("throw") as TransferHandler<unknown, unknown> | undefined;
  if (original === undefined) throw new Error("Comlink has no throw handler to replace");
  const handler: TransferHandler<{ value: unknown }, unknown> = {
    canHandle: (value): value is { value: unknown } => original.canHandle(value),
    serialize: ({ value }) => [toPlayerError(value).toJSON(), []],
    deserialize: (data) => {
      throw isPlayerErrorData(data) ? PlayerError.fromJSON(data) : toPlayerError(data);
    },
  };
  transferHandlers.set("throw", handler);
}
