import {
  PlayerError as CorePlayerError,
  isPlayerError as coreIsPlayerError,
  isPlayerErrorData as coreIsPlayerErrorData,
} from "@player/core-runtime";
import { describe, expect, it } from "vitest";
import {
  isPlayerError,
  isPlayerErrorData,
  PLAYER_ERROR_MARKER,
  PlayerError,
} from "./player-error.js";

function coreError(): CorePlayerError {
  return new CorePlayerError("http/status", "HTTP 503 from the drive API", {
    fatal: true,
    retryable: true,
    details: { status: 503, url: "https://example.test/files/1" },
    cause: new TypeError("socket hang up"),
  });
}

describe("main-bridge PlayerError and core-runtime PlayerError", () => {
  it("are two classes sharing one registered marker", () => {
    expect(PlayerError).not.toBe(CorePlayerError);
    expect(PLAYER_ERROR_MARKER).toBe(Symbol.for("@player/error"));
    expect(new PlayerError("runtime/internal", "x")[PLAYER_ERROR_MARKER]).toBe(true);
  });

  it("each side's isPlayerError recognises the other side's instances", () => {
    const core = coreError();
    const page = new PlayerError("runtime/disposed", "The player was disposed", { fatal: true });

    expect(core).not.toBeInstanceOf(PlayerError);
    expect(page).not.toBeInstanceOf(CorePlayerError);
    expect(isPlayerError(core)).toBe(true);
    expect(PlayerError.isInstance(core)).toBe(true);
    expect(coreIsPlayerError(page)).toBe(true);
    expect(CorePlayerError.isInstance(page)).toBe(true);
  });

  it("neither side accepts look-alikes without the marker, or plain data", () => {
    const plain = Object.assign(new Error("x"), { code: "runtime/internal" });
    const data = coreError().toJSON();
    for (const value of [plain, data, null, "PlayerError"]) {
      expect(isPlayerError(value)).toBe(false);
      expect(coreIsPlayerError(value)).toBe(false);
    }
    expect(isPlayerErrorData(data)).toBe(true);
  });

  it("fromJSON(core.toJSON()) keeps code, message, fatal, retryable, details and cause", () => {
    const core = coreError();

    const page = PlayerError.fromJSON(core.toJSON());

    expect(page).toBeInstanceOf(PlayerError);
    expect(page).toBeInstanceOf(Error);
    expect(page.name).toBe("PlayerError");
    expect(page.code).toBe("http/status");
    expect(page.message).toBe("HTTP 503 from the drive API");
    expect(page.fatal).toBe(true);
    expect(page.retryable).toBe(true);
    expect(page.details).toEqual({ status: 503, url: "https://example.test/files/1" });
    expect(page.cause).toEqual({ name: "TypeError", message: "socket hang up" });
    expect(page.stack).toBe(core.stack);
  });

  it("the page's toJSON() has the worker's shape, so core fromJSON rebuilds it", () => {
    const page = PlayerError.fromJSON(coreError().toJSON());

    const data = page.toJSON();
    const back = CorePlayerError.fromJSON(data);

    expect(coreIsPlayerErrorData(data)).toBe(true);
    expect(data).toMatchObject({
      name: "PlayerError",
      code: "http/status",
      fatal: true,
      retryable: true,
      details: { status: 503, url: "https://example.test/files/1" },
      cause: { name: "TypeError", message: "socket hang up" },
    });
    expect(back).toBeInstanceOf(CorePlayerError);
    expect(back).toMatchObject({ code: "http/status", fatal: true, retryable: true });
    expect(back.cause).toEqual({ name: "TypeError", message: "socket hang up" });
  });

  it("defaults fatal and retryable to false on both sides", () => {
    const data = new CorePlayerError("runtime/internal", "bug").toJSON();
    const page = PlayerError.fromJSON(data);
    expect(page.fatal).toBe(false);
    expect(page.retryable).toBe(false);
    expect(page.details).toBeUndefined();
    expect(page.toJSON()).not.toHaveProperty("cause");
    expect(page.toJSON()).not.toHaveProperty("details");
  });

  it("toJSON() of either side survives structuredClone and JSON unchanged", () => {
    const coreData = coreError().toJSON();
    const pageData = PlayerError.fromJSON(coreData).toJSON();

    for (const data of [coreData, pageData]) {
      expect(structuredClone(data)).toEqual(data);
      expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    }
    expect(PlayerError.fromJSON(structuredClone(coreData))).toMatchObject({
      code: "http/status",
      retryable: true,
    });
  });

  it("the page's toJSON() turns an Error cause into plain data", () => {
    const page = new PlayerError("runtime/invalid-argument", "An argument cannot be sent", {
      cause: Object.assign(new DOMException("could not be cloned", "DataCloneError"), {
        cause: new Error("inner"),
      }),
    });

    const data = page.toJSON();

    expect(data.cause).toEqual({
      name: "DataCloneError",
      message: "could not be cloned",
      cause: { name: "Error", message: "inner" },
    });
    expect(JSON.parse(JSON.stringify(page))).toMatchObject({ cause: data.cause });
    expect(coreIsPlayerErrorData(structuredClone(data))).toBe(true);
  });
});
