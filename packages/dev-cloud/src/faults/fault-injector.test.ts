import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../library/index.js";
import { FaultConfigError } from "./fault-config.js";
import { FaultInjector } from "./fault-injector.js";
import type { FaultRuleInput } from "./fault-types.js";

const createRandom = (seed: number) => createSeededRandom(seed, 7);

/** Which of `count` requests to `path` get a fault: "x" for a fault, "." for none. */
function pattern(faults: FaultInjector, count: number, path = "/google/drive/v3/files"): string {
  let marks = "";
  for (let i = 0; i < count; i++) marks += faults.pick("GET", path) === undefined ? "." : "x";
  return marks;
}

const halfRateLimit: FaultRuleInput[] = [
  { route: "/google/drive", kind: "rate-limit", probability: 0.5 },
];

describe("FaultInjector", () => {
  it("gives the same sequence of faults for the same seed and rules", () => {
    const first = new FaultInjector({ seed: 42, createRandom });
    const second = new FaultInjector({ seed: 42, createRandom });
    first.setConfig({ rules: halfRateLimit });
    second.setConfig({ rules: halfRateLimit });
    const sequence = pattern(first, 64);
    expect(pattern(second, 64)).toBe(sequence);
    // With probability 0.5 over 64 draws, both outcomes occur.
    expect(sequence).toContain("x");
    expect(sequence).toContain(".");
  });

  it("gives a different sequence for a different seed", () => {
    const first = new FaultInjector({ seed: 42, createRandom });
    const other = new FaultInjector({ seed: 43, createRandom });
    first.setConfig({ rules: halfRateLimit });
    other.setConfig({ rules: halfRateLimit });
    expect(pattern(other, 64)).not.toBe(pattern(first, 64));
  });

  it("restarts the sequence whenever the rules are set", () => {
    const faults = new FaultInjector({ seed: 5, createRandom });
    faults.setConfig({ rules: halfRateLimit });
    const sequence = pattern(faults, 32);
    faults.setConfig({ rules: halfRateLimit });
    expect(pattern(faults, 32)).toBe(sequence);
  });

  it("reseeds from a seed given with the rules", () => {
    const reference = new FaultInjector({ seed: 99, createRandom });
    reference.setConfig({ rules: halfRateLimit });
    const faults = new FaultInjector({ seed: 1, createRandom });
    expect(faults.setConfig({ seed: 99, rules: halfRateLimit }).seed).toBe(99);
    expect(pattern(faults, 32)).toBe(pattern(reference, 32));
  });

  it("does not draw for requests no rule covers, so unrelated traffic does not shift faults", () => {
    const quiet = new FaultInjector({ seed: 3, createRandom });
    const busy = new FaultInjector({ seed: 3, createRandom });
    quiet.setConfig({ rules: halfRateLimit });
    busy.setConfig({ rules: halfRateLimit });
    let busyMarks = "";
    for (let i = 0; i < 32; i++) {
      expect(busy.pick("GET", "/graph/v1.0/me")).toBeUndefined();
      busyMarks += busy.pick("GET", "/google/drive/v3/files") === undefined ? "." : "x";
    }
    expect(busyMarks).toBe(pattern(quiet, 32));
  });

  it("stops a rule after `times` applications and counts them", () => {
    const faults = new FaultInjector({ seed: 1, createRandom });
    faults.setConfig({
      rules: [{ id: "twice", route: "/google", kind: "status", probability: 1, times: 2 }],
    });
    expect(pattern(faults, 5, "/google/token")).toBe("xx...");
    expect(faults.config().rules[0]).toMatchObject({ id: "twice", applied: 2 });
  });

  it("resolves defaults: 503, Retry-After 1 s, reset after 0 bytes", () => {
    const faults = new FaultInjector({ seed: 1, createRandom });
    faults.setConfig({
      rules: [
        { route: "/a", kind: "status", probability: 1 },
        { route: "/b", kind: "rate-limit", probability: 1 },
        { route: "/c", kind: "user-rate-limit", probability: 1, retryAfterSeconds: 7 },
        { route: "/d", kind: "reset", probability: 1 },
        { route: "/e", kind: "latency", probability: 1, latencyMs: 25 },
      ],
    });
    expect(faults.pick("GET", "/a")).toEqual({ kind: "status", ruleId: "rule-1", status: 503 });
    expect(faults.pick("GET", "/b")).toEqual({
      kind: "rate-limit",
      ruleId: "rule-2",
      retryAfterSeconds: 1,
    });
    expect(faults.pick("GET", "/c")).toMatchObject({ retryAfterSeconds: 7 });
    expect(faults.pick("GET", "/d")).toEqual({ kind: "reset", ruleId: "rule-4", afterBytes: 0 });
    expect(faults.pick("GET", "/e")).toEqual({ kind: "latency", ruleId: "rule-5", latencyMs: 25 });
  });

  it("matches methods, treating HEAD as GET", () => {
    const faults = new FaultInjector({ seed: 1, createRandom });
    faults.setConfig({
      rules: [{ route: "/google/token", methods: ["post"], kind: "status", probability: 1 }],
    });
    expect(faults.pick("GET", "/google/token")).toBeUndefined();
    expect(faults.pick("POST", "/google/token")).toMatchObject({ kind: "status" });
    faults.setConfig({
      rules: [{ route: "/x", methods: ["GET"], kind: "status", probability: 1 }],
    });
    expect(faults.pick("HEAD", "/x")).toMatchObject({ kind: "status" });
  });

  it("never faults the admin API", () => {
    const faults = new FaultInjector({ seed: 1, createRandom });
    faults.setConfig({ rules: [{ route: "/", kind: "status", probability: 1 }] });
    expect(faults.pick("PUT", "/__admin/faults")).toBeUndefined();
    expect(faults.pick("GET", "/health")).toMatchObject({ kind: "status" });
  });

  it("reports early access-token expiry per provider", () => {
    const faults = new FaultInjector({ seed: 1, createRandom });
    expect(faults.accessTokenLifetimeMs("google")).toBeUndefined();
    faults.setConfig({ accessTokenLifetimeMs: { microsoft: 5_000 } });
    expect(faults.accessTokenLifetimeMs("microsoft")).toBe(5_000);
    expect(faults.accessTokenLifetimeMs("google")).toBeUndefined();
    faults.clear();
    expect(faults.accessTokenLifetimeMs("microsoft")).toBeUndefined();
  });

  it("keeps the old configuration when a new one is invalid", () => {
    const faults = new FaultInjector({ seed: 1, createRandom });
    faults.setConfig({ rules: halfRateLimit });
    expect(() =>
      faults.setConfig({ rules: [{ route: "/x", kind: "status", probability: 2 }] }),
    ).toThrow(FaultConfigError);
    expect(faults.config().rules).toHaveLength(1);
  });
});
