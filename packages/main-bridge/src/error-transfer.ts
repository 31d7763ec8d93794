import { type TransferHandler, transferHandlers } from "comlink";
import { isPlayerErrorData, PlayerError } from "./player-error.js";

/**
 * Replaces Comlink's "throw" handler on the page so errors thrown in the
 * worker are rebuilt as {@link PlayerError} with their `code` and `fatal`.
 * The worker installs the matching serialiser.
 */
export function installErrorTransferHandler(): void {
  const original = transferHandlers.get("throw") as TransferHandler<unknown, unknown> | undefined;
  if (original === undefined) throw new Error("Comlink has no throw handler to replace");
  const handler: TransferHandler<{ value: unknown }, unknown> = {
    canHandle: (value): value is { value: unknown } => original.canHandle(value),
    serialize: ({ value }) => [
      value instanceof PlayerError
        ? value.toJSON()
        : new PlayerError("runtime/internal", String((value as Error)?.message ?? value)).toJSON(),
      [],
    ],
    deserialize: (data) => {
      if (isPlayerErrorData(data)) throw PlayerError.fromJSON(data);
      // A worker built without the SDK's handler: keep what Comlink's default sends.
      const legacy = data as { isError?: boolean; value?: { message?: string } };
      throw new PlayerError("runtime/internal", String(legacy.value?.message ?? "Worker error"), {
        cause: legacy.value,
      });
    },
  };
  transferHandlers.set("throw", handler);
}
