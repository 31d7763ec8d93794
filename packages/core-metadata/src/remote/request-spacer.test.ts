import { describe, expect, it } from "vitest";
import { RequestSpacer } from "./request-spacer.js";

/** A clock that only moves when the spacer sleeps: turn times are exact. */
function fakeTime() {
  let time = 0;
  return {
    now: () => time,
    sleep: async (ms: number, signal: AbortSignal | undefined) => {
      await Promise.resolve();
      if (signal?.aborted) throw signal.reason;
      time += ms;
    },
  };
}

describe("RequestSpacer", () => {
  it("gives concurrent callers turns one interval apart, in the order they asked", async () => {
    const clock = fakeTime();
    const spacer = new RequestSpacer({ intervalMs: 1000, ...clock });
    const starts: [number, number][] = [];
    await Promise.all(
      [0, 1, 2, 3, 4].map(async (caller) => {
        await spacer.turn();
        starts.push([caller, clock.now()]);
      }),
    );
    expect(starts).toEqual([
      [0, 0],
      [1, 1000],
      [2, 2000],
      [3, 3000],
      [4, 4000],
    ]);
  });

  it("lets a caller through at once when the interval has passed", async () => {
    const clock = fakeTime();
    const spacer = new RequestSpacer({ intervalMs: 1000, ...clock });
    await spacer.turn();
    await clock.sleep(5000, undefined);
    await spacer.turn();
    expect(clock.now()).toBe(5000);
  });

  it("holds every later turn back after holdFor()", async () => {
    const clock = fakeTime();
    const spacer = new RequestSpacer({ intervalMs: 1000, ...clock });
    await spacer.turn();
    spacer.holdFor(2500);
    await spacer.turn();
    expect(clock.now()).toBe(2500);
    await spacer.turn();
    expect(clock.now()).toBe(3500);
  });

  it("drops an aborted caller from the line without delaying the next one", async () => {
    const clock = fakeTime();
    const spacer = new RequestSpacer({ intervalMs: 1000, ...clock });
    await spacer.turn();
    const controller = new AbortController();
    const aborted = spacer.turn(controller.signal);
    const next = spacer.turn();
    controller.abort(new Error("stop"));
    await expect(aborted).rejects.toThrow("stop");
    await next;
    expect(clock.now()).toBe(1000);
  });

  it("rejects at once for a signal that is already aborted", async () => {
    const spacer = new RequestSpacer({ intervalMs: 1000, ...fakeTime() });
    await expect(spacer.turn(AbortSignal.abort(new Error("gone")))).rejects.toThrow("gone");
  });

  it("never waits with an interval of 0", async () => {
    const clock = fakeTime();
    const spacer = new RequestSpacer({ intervalMs: 0, ...clock });
    await Promise.all([spacer.turn(), spacer.turn(), spacer.turn()]);
    expect(clock.now()).toBe(0);
  });
});
