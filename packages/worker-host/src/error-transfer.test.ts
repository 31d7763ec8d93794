import { isPlayerError, isPlayerErrorData, PlayerError } from "@player/core-runtime";
import { expose, type TransferHandler, transferHandlers, wrap } from "comlink";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { installErrorTransferHandler } from "./error-transfer.js";

type ThrowHandler = TransferHandler<{ value: unknown }, unknown>;

interface Thrower {
  fail(kind: "player" | "plain" | "string"): void;
}

const comlinkDefault = transferHandlers.get("throw");
const channels: MessageChannel[] = [];

/** Exposes a Thrower on port1 and wraps port2, recording the raw wire replies. */
function connect() {
  const channel = new MessageChannel();
  channels.push(channel);
  expose(
    {
      fail(kind: "player" | "plain" | "string") {
        if (kind === "player") {
          throw new PlayerError("http/timeout", "The request took longer than 30000 ms", {
            retryable: true,
            details: { url: "https://example.test/a", timeoutMs: 30_000 },
          });
        }
        if (kind === "plain") throw new TypeError("undefined is not a function");
        throw "a thrown string";
      },
    } satisfies Thrower,
    channel.port1,
  );
  const wire: unknown[] = [];
  channel.port2.addEventListener("message", (event: MessageEvent) => wire.push(event.data));
  return { remote: wrap<Thrower>(channel.port2), wire };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("Expected the call to reject");
}

beforeEach(() => installErrorTransferHandler());

afterEach(() => {
  if (comlinkDefault !== undefined) transferHandlers.set("throw", comlinkDefault);
  for (const { port1, port2 } of channels.splice(0)) {
    port1.close();
    port2.close();
  }
});

describe("installErrorTransferHandler", () => {
  it("replaces Comlink's throw handler", () => {
    expect(transferHandlers.get("throw")).not.toBe(comlinkDefault);
  });

  it("serialises a PlayerError to data keeping code, fatal, retryable and details", () => {
    const handler = transferHandlers.get("throw") as ThrowHandler;
    const error = new PlayerError("http/status", "HTTP 503", {
      fatal: true,
      retryable: true,
      details: { status: 503 },
    });

    const [data, transferables] = handler.serialize({ value: error });

    expect(transferables).toEqual([]);
    expect(isPlayerErrorData(data)).toBe(true);
    expect(data).toMatchObject({
      name: "PlayerError",
      code: "http/status",
      message: "HTTP 503",
      fatal: true,
      retryable: true,
      details: { status: 503 },
    });
    expect(structuredClone(data)).toEqual(data);
  });

  it("serialises a plain Error as runtime/internal with the original as cause", () => {
    const handler = transferHandlers.get("throw") as ThrowHandler;

    const [data] = handler.serialize({ value: new RangeError("offset out of range") });

    expect(data).toMatchObject({
      name: "PlayerError",
      code: "runtime/internal",
      message: "offset out of range",
      fatal: false,
      retryable: false,
      cause: { name: "RangeError", message: "offset out of range" },
    });
  });

  it("deserialises data back into a thrown PlayerError", () => {
    const handler = transferHandlers.get("throw") as ThrowHandler;
    const data = new PlayerError("http/aborted", "aborted", { fatal: true }).toJSON();

    let caught: unknown;
    try {
      handler.deserialize(data);
    } catch (error) {
      caught = error;
    }

    expect(isPlayerError(caught)).toBe(true);
    expect(caught).toMatchObject({ code: "http/aborted", fatal: true, retryable: false });
  });

  it("carries a thrown PlayerError across a real MessageChannel with its code and retryable", async () => {
    const { remote, wire } = connect();

    const error = await rejection(remote.fail("player"));

    expect(isPlayerError(error)).toBe(true);
    expect(error).toMatchObject({
      code: "http/timeout",
      message: "The request took longer than 30000 ms",
      fatal: false,
      retryable: true,
      details: { url: "https://example.test/a", timeoutMs: 30_000 },
    });
    // On the wire it was PlayerErrorData, not Comlink's default {isError, value}.
    expect(wire).toHaveLength(1);
    expect(wire[0]).toMatchObject({ type: "HANDLER", name: "throw" });
    const sent = (wire[0] as { value: unknown }).value;
    expect(isPlayerErrorData(sent)).toBe(true);
    expect(sent).not.toHaveProperty("isError");
  });

  it("turns a plain Error or a thrown string into runtime/internal across the channel", async () => {
    const { remote } = connect();

    const plain = await rejection(remote.fail("plain"));
    expect(isPlayerError(plain)).toBe(true);
    expect(plain).toMatchObject({
      code: "runtime/internal",
      message: "undefined is not a function",
    });
    expect((plain as PlayerError).cause).toMatchObject({ name: "TypeError" });

    const text = await rejection(remote.fail("string"));
    expect(isPlayerError(text)).toBe(true);
    expect(text).toMatchObject({ code: "runtime/internal", message: "a thrown string" });
  });

  it("without the handler, Comlink's default drops the code (why the handler exists)", async () => {
    if (comlinkDefault !== undefined) transferHandlers.set("throw", comlinkDefault);
    const { remote } = connect();

    const error = await rejection(remote.fail("player"));

    expect(isPlayerError(error)).toBe(false);
    expect(error).not.toHaveProperty("code");
  });
});
