import { afterEach, describe, expect, it, vi } from "vitest";
import { resolvePlayerOptions, type WorkerLike } from "./create-player-options.js";
import { DEFAULT_HEARTBEAT } from "./heartbeat-monitor.js";
import { isPlayerError, PlayerError } from "./player-error.js";

/** A worker stand-in that records what is done to it. */
class FakeWorker implements WorkerLike {
  readonly posted: unknown[] = [];
  readonly listeners: string[] = [];
  terminated = 0;

  postMessage(message: unknown): void {
    this.posted.push(message);
  }

  addEventListener(type: string): void {
    this.listeners.push(type);
  }

  removeEventListener(): void {}

  terminate(): void {
    this.terminated++;
  }
}

/** Runs `resolve`, expects main-bridge's PlayerError, returns it. */
function rejected(options: unknown): PlayerError {
  try {
    resolvePlayerOptions(options);
  } catch (error) {
    expect(error).toBeInstanceOf(PlayerError);
    return error as PlayerError;
  }
  throw new Error(`Expected resolvePlayerOptions(${String(options)}) to throw`);
}

/** The `details.argument` of the error, after checking its code. */
function rejectedArgument(options: unknown): string | number | boolean | null | undefined {
  const error = rejected(options);
  expect(error.code).toBe("runtime/invalid-argument");
  return error.details?.argument;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("resolvePlayerOptions", () => {
  it.each([undefined, null, 42, "worker.js", true])("rejects %s as options", (options) => {
    expect(rejectedArgument(options)).toBe("options");
  });

  it("rejects an unknown key, naming it", () => {
    const error = rejected({ worker: new FakeWorker(), workr: "typo" });
    expect(error.code).toBe("runtime/invalid-argument");
    expect(error.message).toContain('"workr"');
    expect(error.details).toEqual({ argument: "workr" });
    expect(isPlayerError(error)).toBe(true);
  });

  it("rejects an own __proto__ key (as JSON.parse makes it) as unknown", () => {
    const options = JSON.parse('{"worker": null, "__proto__": {"polluted": true}}');
    expect(rejectedArgument(options)).toBe("__proto__");
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it.each([
    ["missing", {}],
    ["undefined", { worker: undefined }],
    ["null", { worker: null }],
    ["a number", { worker: 7 }],
    ["an object without postMessage", { worker: { addEventListener() {}, terminate() {} } }],
    ["an object without terminate", { worker: { postMessage() {}, addEventListener() {} } }],
    [
      "a MessagePort-like without addEventListener",
      { worker: { postMessage() {}, terminate() {} } },
    ],
  ])("rejects a worker that is %s", (_, options) => {
    const error = rejected(options);
    expect(error.code).toBe("runtime/invalid-argument");
    expect(error.details).toEqual({ argument: "worker" });
    expect(error.message).toContain("worker");
  });

  it("passes a valid WorkerLike through untouched, with the default heartbeat", () => {
    const worker = new FakeWorker();
    const config = { http: { timeoutMs: 5_000 } };

    const resolved = resolvePlayerOptions({ worker, config });

    expect(resolved.worker).toBe(worker);
    expect(resolved.config).toBe(config);
    expect(resolved.heartbeat).toEqual(DEFAULT_HEARTBEAT);
    expect(resolved.heartbeat).toEqual({
      intervalMs: 250,
      timeoutMs: 1_250,
      startupTimeoutMs: 10_000,
    });
    // A copy: changing it cannot change the shared defaults.
    expect(resolved.heartbeat).not.toBe(DEFAULT_HEARTBEAT);
    expect(worker.posted).toEqual([]);
    expect(worker.terminated).toBe(0);
    expect(resolvePlayerOptions({ worker }).config).toBeUndefined();
  });

  it("passes the audio options through and rejects a non-object", () => {
    const worker = new FakeWorker();
    const audio = { workletUrl: "/assets/pcm-player.worklet.js", latencyHint: "playback" as const };
    expect(resolvePlayerOptions({ worker, audio }).audio).toBe(audio);
    expect(resolvePlayerOptions({ worker }).audio).toEqual({});
    expect(rejectedArgument({ worker, audio: "fast" })).toBe("audio");
    expect(rejectedArgument({ worker, audio: null })).toBe("audio");
  });

  it("merges a partial heartbeat onto the defaults", () => {
    const resolved = resolvePlayerOptions({
      worker: new FakeWorker(),
      heartbeat: { timeoutMs: 3_000 },
    });
    expect(resolved.heartbeat).toEqual({ ...DEFAULT_HEARTBEAT, timeoutMs: 3_000 });
    expect(DEFAULT_HEARTBEAT.timeoutMs).toBe(1_250);
  });

  it.each([null, "fast", 250])("rejects heartbeat %s that is not an object", (heartbeat) => {
    expect(rejectedArgument({ worker: new FakeWorker(), heartbeat })).toBe("heartbeat");
  });

  it("rejects a heartbeat array", () => {
    expect(rejectedArgument({ worker: new FakeWorker(), heartbeat: [250] })).toMatch(/^heartbeat/);
  });

  it.each([0, 9, 600_001, 1.5, -250, Number.NaN, Number.POSITIVE_INFINITY, "250", null, true])(
    "rejects heartbeat.intervalMs = %s",
    (intervalMs) => {
      const error = rejected({ worker: new FakeWorker(), heartbeat: { intervalMs } });
      expect(error.code).toBe("runtime/invalid-argument");
      expect(error.details).toEqual({ argument: "heartbeat.intervalMs" });
      expect(error.message).toContain("10 to 600000");
    },
  );

  it("accepts the bounds 10 and 600000 for every heartbeat value", () => {
    const heartbeat = { intervalMs: 10, timeoutMs: 600_000, startupTimeoutMs: 10 };
    expect(resolvePlayerOptions({ worker: new FakeWorker(), heartbeat }).heartbeat).toEqual(
      heartbeat,
    );
  });

  it.each(["interval", "timeout", "toString", "constructor", "hasOwnProperty"])(
    "rejects the unknown heartbeat key %s",
    (key) => {
      const error = rejected({ worker: new FakeWorker(), heartbeat: { [key]: 500 } });
      expect(error.code).toBe("runtime/invalid-argument");
      expect(error.details).toEqual({ argument: `heartbeat.${key}` });
      expect(error.message).toContain(`"${key}"`);
    },
  );

  it("rejects an own __proto__ key inside heartbeat", () => {
    const heartbeat = JSON.parse('{"__proto__": 500}');
    expect(rejectedArgument({ worker: new FakeWorker(), heartbeat })).toBe("heartbeat.__proto__");
  });

  it.each([null, "strict", 1])("rejects config %s that is not an object", (config) => {
    expect(rejectedArgument({ worker: new FakeWorker(), config })).toBe("config");
  });

  it("explains that a URL needs a Worker when this environment has none", () => {
    vi.stubGlobal("Worker", undefined);
    for (const worker of ["/player-worker.js", new URL("https://example.test/player-worker.js")]) {
      const error = rejected({ worker });
      expect(error.code).toBe("runtime/invalid-argument");
      expect(error.details).toEqual({ argument: "worker" });
      expect(error.message).toBe(
        "This environment has no Worker: pass a started worker instead of a URL",
      );
    }
  });

  it("starts a module worker from a URL when Worker exists", () => {
    const started: Array<{ url: string | URL; options: unknown }> = [];
    class StubWorker extends FakeWorker {
      constructor(url: string | URL, options: unknown) {
        super();
        started.push({ url, options });
      }
    }
    vi.stubGlobal("Worker", StubWorker);

    const resolved = resolvePlayerOptions({ worker: "/player-worker.js" });

    expect(resolved.worker).toBeInstanceOf(StubWorker);
    expect(started).toEqual([
      { url: "/player-worker.js", options: { type: "module", name: "player" } },
    ]);
  });
});
