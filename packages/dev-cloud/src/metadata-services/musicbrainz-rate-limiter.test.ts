import { describe, expect, it } from "vitest";
import { MusicBrainzRateLimiter } from "./musicbrainz-rate-limiter.js";

/** A limiter on a clock the test moves by hand. */
function limiterAt(requestsPerSecond: number) {
  let time = 10_000;
  const limiter = new MusicBrainzRateLimiter({ requestsPerSecond, now: () => time });
  return {
    limiter,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

describe("MusicBrainzRateLimiter", () => {
  it("admits one request per second per client and refuses the rest with the time left", () => {
    const { limiter, advance } = limiterAt(1);
    const burst = Array.from({ length: 5 }, () => limiter.admit("127.0.0.1"));
    expect(burst[0]).toEqual({ admitted: true });
    expect(burst.slice(1)).toEqual(Array(4).fill({ admitted: false, retryAfterMs: 1000 }));
    advance(400);
    expect(limiter.admit("127.0.0.1")).toEqual({ admitted: false, retryAfterMs: 600 });
    advance(600);
    expect(limiter.admit("127.0.0.1")).toEqual({ admitted: true });
  });

  it("never refuses a client that waits the interval, and tolerates 10 % of jitter", () => {
    const { limiter, advance } = limiterAt(1);
    const decisions = [limiter.admit("10.0.0.1").admitted];
    for (const gap of [1000, 901, 1000, 950, 900]) {
      advance(gap);
      decisions.push(limiter.admit("10.0.0.1").admitted);
    }
    expect(decisions).toEqual(Array(6).fill(true));
    advance(899);
    expect(limiter.admit("10.0.0.1").admitted).toBe(false);
  });

  it("does not count refused requests, so a client that backs off gets through", () => {
    const { limiter, advance } = limiterAt(1);
    limiter.admit("a");
    advance(500);
    expect(limiter.admit("a").admitted).toBe(false);
    advance(500);
    expect(limiter.admit("a").admitted).toBe(true);
  });

  it("limits each client on its own", () => {
    const { limiter } = limiterAt(1);
    expect(limiter.admit("a").admitted).toBe(true);
    expect(limiter.admit("b").admitted).toBe(true);
    expect(limiter.admit("a").admitted).toBe(false);
  });

  it("scales the interval with the rate and turns off at 0", () => {
    const { limiter: fast, advance } = limiterAt(4);
    expect(fast.intervalMs).toBe(250);
    fast.admit("a");
    advance(250);
    expect(fast.admit("a").admitted).toBe(true);

    const { limiter: unlimited } = limiterAt(0);
    expect(unlimited.intervalMs).toBe(0);
    const burst = Array.from({ length: 50 }, () => unlimited.admit("a").admitted);
    expect(burst.every(Boolean)).toBe(true);
  });

  it("rejects a negative or non-finite rate", () => {
    for (const rate of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new MusicBrainzRateLimiter({ requestsPerSecond: rate })).toThrow(RangeError);
    }
  });

  it("keeps limiting recent clients while it forgets idle ones", () => {
    const { limiter, advance } = limiterAt(1);
    for (let i = 0; i < 1_100; i++) limiter.admit(`idle-${i}`);
    advance(1000);
    limiter.admit("recent");
    for (let i = 0; i < 1_100; i++) limiter.admit(`fresh-${i}`);
    expect(limiter.admit("recent").admitted).toBe(false);
    expect(limiter.admit("idle-0").admitted).toBe(true);
  });
});
