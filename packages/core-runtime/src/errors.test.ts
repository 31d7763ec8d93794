import { describe, expect, it } from "vitest";
import {
  isPlayerError,
  isPlayerErrorData,
  PLAYER_ERROR_MARKER,
  PlayerError,
  toPlayerError,
} from "./errors.js";

describe("PlayerError", () => {
  it("carries code, fatal, retryable, details and cause", () => {
    const cause = new TypeError("socket hang up");
    const error = new PlayerError("http/network", "GET failed", {
      retryable: true,
      cause,
      details: { status: 0 },
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("PlayerError");
    expect(error.code).toBe("http/network");
    expect(error.fatal).toBe(false);
    expect(error.retryable).toBe(true);
    expect(error.cause).toBe(cause);
    expect(error.details).toEqual({ status: 0 });
  });

  it("survives structured cloning as data and is rebuilt with the same fields", () => {
    const original = new PlayerError("runtime/invalid-config", "bad key", {
      fatal: true,
      details: { key: "http.timeoutMs" },
      cause: new RangeError("inner", { cause: new Error("innermost") }),
    });
    const wire = structuredClone(original.toJSON());
    expect(isPlayerErrorData(wire)).toBe(true);
    const rebuilt = PlayerError.fromJSON(wire);
    expect(rebuilt).not.toBe(original);
    expect(isPlayerError(rebuilt)).toBe(true);
    expect(rebuilt.code).toBe("runtime/invalid-config");
    expect(rebuilt.fatal).toBe(true);
    expect(rebuilt.retryable).toBe(false);
    expect(rebuilt.details).toEqual({ key: "http.timeoutMs" });
    expect(rebuilt.cause).toEqual({
      name: "RangeError",
      message: "inner",
      cause: { name: "Error", message: "innermost" },
    });
    expect(JSON.parse(JSON.stringify(original)).code).toBe("runtime/invalid-config");
  });

  it("is recognised by marker, not only instanceof (errors from another copy of the SDK)", () => {
    class ForeignError extends Error {
      readonly [PLAYER_ERROR_MARKER] = true;
      readonly code = "http/timeout";
    }
    const foreign = new ForeignError("from a duplicate install");
    expect(foreign instanceof PlayerError).toBe(false);
    expect(PlayerError.isInstance(foreign)).toBe(true);
    expect(isPlayerError(new Error("plain"))).toBe(false);
    expect(isPlayerError({ code: "http/timeout", message: "x" })).toBe(false);
  });

  it("rejects malformed wire data", () => {
    expect(
      isPlayerErrorData({
        name: "PlayerError",
        code: "nocolon",
        message: "",
        fatal: false,
        retryable: false,
      }),
    ).toBe(false);
    expect(
      isPlayerErrorData({
        name: "Error",
        code: "a/b",
        message: "",
        fatal: false,
        retryable: false,
      }),
    ).toBe(false);
    expect(isPlayerErrorData(null)).toBe(false);
  });
});

describe("toPlayerError", () => {
  it("passes PlayerErrors through and wraps everything else with the original as cause", () => {
    const known = new PlayerError("http/timeout", "slow");
    expect(toPlayerError(known)).toBe(known);
    const thrown = new Error("boom");
    const wrapped = toPlayerError(thrown, "runtime/internal", { fatal: true });
    expect(wrapped.code).toBe("runtime/internal");
    expect(wrapped.message).toBe("boom");
    expect(wrapped.fatal).toBe(true);
    expect(wrapped.cause).toBe(thrown);
    expect(toPlayerError("a string").message).toBe("a string");
  });

  it("rebuilds wire data it is given", () => {
    const data = new PlayerError("runtime/disposed", "gone").toJSON();
    const rebuilt = toPlayerError(data);
    expect(rebuilt.code).toBe("runtime/disposed");
    expect(rebuilt.message).toBe("gone");
  });
});
