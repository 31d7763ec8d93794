import { createPlayer, isPlayerError, type Player, type UiEventMap } from "@player/main-bridge";
import { afterEach, describe, expect, it } from "vitest";
import { startNodeWorker } from "./node-worker.js";

const players: Player[] = [];

function start(
  options: Omit<Parameters<typeof createPlayer>[0], "worker"> = {},
  fault?: Parameters<typeof startNodeWorker>[0],
) {
  const worker = startNodeWorker(fault);
  const player = createPlayer({ worker, ...options });
  players.push(player);
  return { player, worker };
}

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

function nextEvent<K extends keyof UiEventMap>(player: Player, type: K): Promise<UiEventMap[K]> {
  return new Promise((resolve) => player.once(type, resolve));
}

afterEach(() => {
  for (const player of players.splice(0)) player.dispose();
});

describe("main-bridge ⇄ worker-host over a real worker thread", () => {
  it("becomes ready, answers calls and forwards events", async () => {
    const { player } = start({ config: { log: { level: "error" } } });
    const readyEvent = nextEvent(player, "runtime:ready");
    const info = await player.ready;
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.config.log.level).toBe("error");
    expect(info.config.http.timeoutMs).toBe(30_000);
    expect((await readyEvent).version).toBe(info.version);

    const changed = nextEvent(player, "runtime:config-changed");
    const config = await player.configure({ http: { retries: 1 } });
    expect(config.http.retries).toBe(1);
    expect((await changed).config.http.retries).toBe(1);
    expect((await player.getConfig()).http.retries).toBe(1);
  });

  it("forwards a burst of events in order, batched", async () => {
    const { player } = start();
    await player.ready;
    const seen: number[] = [];
    const done = new Promise<void>((resolve) =>
      player.on("diagnostics:tick", ({ seq, total }) => {
        seen.push(seq);
        if (seq === total - 1) resolve();
      }),
    );
    expect(await player.diagnostics.emitBurst(2_000)).toBe(2_000);
    await done;
    expect(seen).toHaveLength(2_000);
    expect(seen.every((seq, index) => seq === index)).toBe(true);
  });

  it("rejects bad arguments and bad config with typed errors that keep their code", async () => {
    const { player } = start();
    await player.ready;
    const badCount = await rejection(player.diagnostics.emitBurst("10" as unknown as number));
    expect(isPlayerError(badCount)).toBe(true);
    expect(badCount).toMatchObject({ code: "runtime/invalid-argument", fatal: false });
    expect((badCount as Error).message).toBe(
      'Argument "count" must be an integer from 1 to 1000000, got the string "10"',
    );

    const badKey = await rejection(player.configure({ http: { timeotMs: 5 } } as never));
    expect(badKey).toMatchObject({
      code: "runtime/invalid-config",
      details: { key: "http.timeotMs" },
    });

    const notCloneable = await rejection(
      player.configure({ log: { level: (() => "info") as never } }),
    );
    expect(notCloneable).toMatchObject({ code: "runtime/invalid-argument" });
    // The player is still usable after rejected calls.
    expect((await player.getConfig()).http.timeoutMs).toBe(30_000);
  });

  it("rejects `ready` for invalid initial config, naming the key", async () => {
    const { player } = start({ config: { log: { level: "loud" as never } } });
    const error = await rejection(player.ready);
    expect(error).toMatchObject({
      code: "runtime/invalid-config",
      message: 'Config key "log.level" must be one of: debug, info, warn, error, silent',
    });
    await expect(player.getConfig()).rejects.toMatchObject({ code: "runtime/invalid-config" });
  });

  it("transfers ArrayBuffers: detached on the sender, intact on return", async () => {
    const { player } = start();
    await player.ready;
    const bytes = new Uint8Array(64 * 1024).map((_, index) => index % 251);
    const sent = bytes.buffer;
    const returned = await player.diagnostics.echo(sent);
    expect(sent.byteLength).toBe(0);
    expect(returned.byteLength).toBe(64 * 1024);
    const view = new Uint8Array(returned);
    expect(view[0]).toBe(0);
    expect(view[250]).toBe(250);
    expect(view[251]).toBe(0);
    expect(view[65_535]).toBe(65_535 % 251);
  });

  it("after dispose(): calls reject with runtime/disposed, listeners are gone, the thread ends", async () => {
    const { player, worker } = start();
    await player.ready;
    player.on("diagnostics:tick", () => {});
    const exited = new Promise<number>((resolve) => worker.thread.once("exit", resolve));
    player.dispose();
    expect(player.disposed).toBe(true);
    await expect(player.diagnostics.ping()).rejects.toMatchObject({
      code: "runtime/disposed",
      fatal: true,
    });
    expect((player as unknown as { listenerCount(): number }).listenerCount()).toBe(0);
    await exited;
  });

  it("a call in flight when dispose() runs rejects instead of hanging", async () => {
    const { player } = start({}, { kind: "hang", afterMs: 300 });
    await player.ready;
    await new Promise((resolve) => setTimeout(resolve, 400));
    const inFlight = player.getConfig();
    player.dispose();
    await expect(inFlight).rejects.toMatchObject({ code: "runtime/disposed" });
  });

  it.each([
    ["hung", { kind: "hang", afterMs: 200 }],
    ["dead", { kind: "exit", afterMs: 200 }],
  ] as const)(
    "notices a %s worker within 2 s and emits runtime:worker-lost",
    async (_name, fault) => {
      const { player } = start({}, fault);
      await player.ready;
      // The 2 s bound itself is proven with fake timers in heartbeat-monitor.dom.test.ts.
      const lost = await nextEvent(player, "runtime:worker-lost");
      expect(lost.reason).toBe("heartbeat-timeout");
      expect(lost.message).toContain("stopped answering");
      expect(player.disposed).toBe(true);
      await expect(player.diagnostics.ping()).rejects.toMatchObject({
        code: "runtime/worker-lost",
        fatal: true,
      });
    },
  );
});
