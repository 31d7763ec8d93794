import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  isPlayerError,
  type LogRecord,
  type PlayerError,
  type PlayerErrorCode,
  REDACTED,
} from "@player/core-runtime";
import { afterEach, describe, expect, it } from "vitest";
import { PLAYER_CONFIG_DEFAULTS } from "./player-config.js";
import { PlayerHost } from "./player-host.js";
import { PLAYER_VERSION } from "./version.js";
import type { EventBatchMessage } from "./worker-api.js";

type Envelope = readonly [string, unknown];

/** The page's end of the event port: records every batch it receives. */
class PageEnd {
  readonly batches: EventBatchMessage[] = [];
  private waiters: Array<() => void> = [];

  constructor(readonly port: MessagePort) {
    port.addEventListener("message", (event: MessageEvent<EventBatchMessage>) => {
      this.batches.push(event.data);
      for (const wake of this.waiters.splice(0)) wake();
    });
    port.start();
  }

  get events(): Envelope[] {
    return this.batches.flatMap((batch) => [...batch.events]);
  }

  /** Waits until an event named `name` arrived; returns its payload. */
  async next<T>(name: string, where: (data: T) => boolean = () => true): Promise<T> {
    for (;;) {
      const found = this.events.find(([type, data]) => type === name && where(data as T));
      if (found !== undefined) return found[1] as T;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}

const channels: MessageChannel[] = [];
const hosts: PlayerHost[] = [];

function setUp(options: ConstructorParameters<typeof PlayerHost>[0] = {}) {
  const channel = new MessageChannel();
  channels.push(channel);
  const host = new PlayerHost(options);
  hosts.push(host);
  return { host, eventPort: channel.port1, page: new PageEnd(channel.port2) };
}

afterEach(() => {
  for (const host of hosts.splice(0)) host.dispose();
  for (const { port1, port2 } of channels.splice(0)) {
    port1.close();
    port2.close();
  }
});

/** Runs `call`, expects a PlayerError, returns it. */
function thrown(call: () => unknown): PlayerError {
  try {
    call();
  } catch (error) {
    if (isPlayerError(error)) return error;
    throw new Error(`Expected a PlayerError, got ${String(error)}`);
  }
  throw new Error("Expected the call to throw");
}

function codeOf(call: () => unknown): PlayerErrorCode {
  return thrown(call).code;
}

describe("PlayerHost (inline, no worker)", () => {
  it("init resolves defaults + overrides and emits runtime:ready on the event port", async () => {
    const clock = [1_000, 1_012];
    const { host, eventPort, page } = setUp({ now: () => clock.shift() ?? 2_000 });

    const info = host.init({ eventPort, config: { http: { timeoutMs: 5_000 } } });

    expect(info.version).toBe(PLAYER_VERSION);
    expect(info.config.http.timeoutMs).toBe(5_000);
    expect(info.config.http.retries).toBe(PLAYER_CONFIG_DEFAULTS.http.retries);
    expect(info.config.log).toEqual(PLAYER_CONFIG_DEFAULTS.log);
    expect(info.config.events).toEqual(PLAYER_CONFIG_DEFAULTS.events);
    expect(Object.isFrozen(info.config.http)).toBe(true);
    expect(host.getConfig()).toBe(info.config);

    await page.next("runtime:ready");
    expect(page.batches[0]).toEqual({
      type: "events",
      events: [["runtime:ready", { version: PLAYER_VERSION, startupMs: 12 }]],
    });
  });

  it("rejects a second init with runtime/invalid-argument", () => {
    const { host, eventPort } = setUp();
    host.init({ eventPort });
    const error = thrown(() => host.init({ eventPort }));
    expect(error.code).toBe("runtime/invalid-argument");
    expect(error.message).toContain("already");
  });

  it("rejects calls before init with runtime/not-ready", () => {
    const { host } = setUp();
    expect(codeOf(() => host.getConfig())).toBe("runtime/not-ready");
    expect(codeOf(() => host.configure({ http: { retries: 1 } }))).toBe("runtime/not-ready");
  });

  it("rejects an init without a usable event port, naming the argument", () => {
    const { host } = setUp();
    const error = thrown(() => host.init({ eventPort: {} as MessagePort }));
    expect(error.code).toBe("runtime/invalid-argument");
    expect(error.details).toEqual({ argument: "options.eventPort" });
    expect(codeOf(() => host.init(null as never))).toBe("runtime/invalid-argument");
  });

  it("rejects a bad config with runtime/invalid-config and stays un-initialised, so a valid init still works", async () => {
    const { host, eventPort, page } = setUp();

    const badValue = thrown(() => host.init({ eventPort, config: { http: { timeoutMs: -1 } } }));
    expect(badValue.code).toBe("runtime/invalid-config");
    expect(badValue.details).toEqual({ key: "http.timeoutMs" });
    const unknownKey = thrown(() =>
      host.init({ eventPort, config: { htp: { timeoutMs: 1 } } as never }),
    );
    expect(unknownKey.code).toBe("runtime/invalid-config");
    expect(unknownKey.message).toContain('"htp"');
    expect(codeOf(() => host.getConfig())).toBe("runtime/not-ready");

    const info = host.init({ eventPort, config: { http: { retries: 7 } } });
    expect(info.config.http.retries).toBe(7);
    await page.next("runtime:ready");
    // The failed attempts emitted nothing.
    expect(page.events.map(([name]) => name)).toEqual(["runtime:ready"]);
  });

  it("configure merges onto the current config and emits runtime:config-changed", async () => {
    const { host, eventPort, page } = setUp();
    host.init({ eventPort, config: { http: { timeoutMs: 5_000 } } });

    const config = host.configure({ http: { retries: 5 } });

    expect(config.http.timeoutMs).toBe(5_000);
    expect(config.http.retries).toBe(5);
    expect(host.getConfig()).toBe(config);
    const changed = await page.next<{ config: typeof config }>("runtime:config-changed");
    expect(changed.config.http).toEqual({
      ...PLAYER_CONFIG_DEFAULTS.http,
      timeoutMs: 5_000,
      retries: 5,
    });
  });

  it("a rejected configure keeps the current config and emits nothing", async () => {
    const { host, eventPort, page } = setUp();
    host.init({ eventPort, config: { http: { retries: 2 } } });

    const error = thrown(() => host.configure({ events: { maxBatchSize: 0 } }));

    expect(error.code).toBe("runtime/invalid-config");
    expect(error.details).toEqual({ key: "events.maxBatchSize" });
    expect(host.getConfig().http.retries).toBe(2);
    expect(host.getConfig().events.maxBatchSize).toBe(PLAYER_CONFIG_DEFAULTS.events.maxBatchSize);
    host.diagnostics.emitBurst(1);
    await page.next("diagnostics:tick");
    expect(page.events.map(([name]) => name)).toEqual(["runtime:ready", "diagnostics:tick"]);
  });

  it("checks config.playback.bufferAheadSeconds (0.5 to 60 s) and applies it", () => {
    const { host, eventPort } = setUp();
    host.init({ eventPort });
    expect(host.getConfig().playback.bufferAheadSeconds).toBe(4);
    const error = thrown(() => host.configure({ playback: { bufferAheadSeconds: 0.1 } }));
    expect(error.code).toBe("runtime/invalid-config");
    expect(error.details).toEqual({ key: "playback.bufferAheadSeconds" });
    expect(host.configure({ playback: { bufferAheadSeconds: 10 } }).playback).toEqual({
      bufferAheadSeconds: 10,
    });
    expect(host.playback.getStatus()).toMatchObject({ state: "idle", volume: 1 });
  });

  it("configure applies new event batching to the forwarder", async () => {
    const { host, eventPort, page } = setUp();
    host.init({ eventPort });
    host.configure({ events: { maxBatchSize: 1 } });
    await page.next("runtime:config-changed");
    const before = page.batches.length;

    expect(host.diagnostics.emitBurst(3)).toBe(3);

    await page.next<{ seq: number }>("diagnostics:tick", ({ seq }) => seq === 2);
    expect(page.batches.slice(before).map((batch) => batch.events.length)).toEqual([1, 1, 1]);
  });

  it("forwards redacted logs at or above log.forwardLevel as runtime:log", async () => {
    const sunk: LogRecord[] = [];
    const { host, eventPort, page } = setUp({ logSink: (record) => sunk.push(record) });
    host.init({ eventPort, config: { log: { level: "warn", forwardLevel: "warn" } } });

    host.logger.info("below both levels");
    host.logger.warn("request failed: Authorization: Bearer abc", { access_token: "xyz" });

    const { record } = await page.next<{ record: LogRecord }>("runtime:log");
    expect(record.level).toBe("warn");
    expect(record.message).toBe(`request failed: Authorization: Bearer ${REDACTED}`);
    expect(record.message).not.toContain("abc");
    expect(record.context).toEqual({ access_token: REDACTED });
    expect(page.events.filter(([name]) => name === "runtime:log")).toHaveLength(1);
    expect(sunk.map((line) => line.message)).toEqual([record.message]);
  });

  it("keeps records below log.level from the sink while still forwarding them at forwardLevel", async () => {
    const sunk: LogRecord[] = [];
    const { host, eventPort, page } = setUp({ logSink: (record) => sunk.push(record) });
    host.init({ eventPort, config: { log: { level: "error", forwardLevel: "info" } } });

    host.logger.debug("debug: neither");
    host.logger.info("info: page only");
    host.logger.warn("warn: page only");
    host.logger.error("error: both");

    await page.next<{ record: LogRecord }>("runtime:log", ({ record }) => record.level === "error");
    const forwarded = page.events
      .filter(([name]) => name === "runtime:log")
      .map(([, data]) => (data as { record: LogRecord }).record.message);
    expect(forwarded).toEqual(["info: page only", "warn: page only", "error: both"]);
    expect(sunk.map((record) => record.message)).toEqual(["error: both"]);
  });

  it("validates diagnostics arguments", () => {
    const { host, eventPort } = setUp();
    host.init({ eventPort });

    for (const count of [0, 1.5, -1, Number.NaN, "3"]) {
      const error = thrown(() => host.diagnostics.emitBurst(count as number));
      expect(error.code).toBe("runtime/invalid-argument");
      expect(error.details).toEqual({ argument: "count" });
    }
    const echo = thrown(() => host.diagnostics.echo(new Uint8Array(4) as unknown as ArrayBuffer));
    expect(echo.code).toBe("runtime/invalid-argument");
    expect(echo.details).toEqual({ argument: "buffer" });
    const buffer = new ArrayBuffer(8);
    expect(host.diagnostics.echo(buffer)).toBe(buffer);
    expect(host.heartbeat(41)).toBe(41);
  });

  it("after dispose(), calls throw runtime/disposed, the bus has no listeners and the port is closed", async () => {
    const { host, eventPort, page } = setUp();
    host.init({ eventPort });
    host.bus.on("diagnostics:tick", () => {});
    expect(host.bus.listenerCount("*")).toBe(1);
    const closed = new Promise<void>((resolve) =>
      page.port.addEventListener("close", () => resolve()),
    );
    host.diagnostics.emitBurst(2);

    host.dispose();

    const error = thrown(() => host.getConfig());
    expect(error.code).toBe("runtime/disposed");
    expect(error.fatal).toBe(true);
    expect(codeOf(() => host.configure({}))).toBe("runtime/disposed");
    expect(codeOf(() => host.init({ eventPort }))).toBe("runtime/disposed");
    expect(host.bus.listenerCount("*")).toBe(0);
    expect(host.bus.listenerCount("diagnostics:tick")).toBe(0);
    expect(() => host.dispose()).not.toThrow();

    // Events queued before dispose() were flushed before the port closed.
    await closed;
    expect(page.events.map(([name]) => name)).toEqual([
      "runtime:ready",
      "diagnostics:tick",
      "diagnostics:tick",
    ]);
  });
});

describe("PlayerHost's shared HttpClient", () => {
  it("is built from config.http and rebuilt when the config changes", async () => {
    let hits = 0;
    const server = createServer((_request, response) => {
      hits++;
      response.writeHead(503, { "content-type": "text/plain" }).end("busy");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/busy`;
    try {
      const { host, eventPort } = setUp({ logSink: () => {} });
      expect(() => host.http).toThrow(/not initialised/);
      host.init({ eventPort, config: { http: { retries: 2, backoffBaseMs: 0 } } });
      await expect(host.http.request(url)).rejects.toMatchObject({
        code: "http/status",
        details: { status: 503 },
      });
      expect(hits).toBe(3);
      host.configure({ http: { retries: 0 } });
      await expect(host.http.request(url)).rejects.toMatchObject({ code: "http/status" });
      expect(hits).toBe(4);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
