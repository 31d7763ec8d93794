import { describe, expect, it } from "vitest";
import { FaultConfigError, parseFaultConfig } from "./fault-config.js";

function fieldOf(input: unknown): string | undefined {
  try {
    parseFaultConfig(input);
  } catch (error) {
    if (error instanceof FaultConfigError) return error.field;
    throw error;
  }
  return undefined;
}

describe("parseFaultConfig", () => {
  it("accepts a full configuration and fills in rule ids", () => {
    const parsed = parseFaultConfig({
      seed: 3,
      rules: [
        { route: "/google/drive", methods: ["get"], kind: "rate-limit", probability: 0.2 },
        { id: "cut", route: "/graph-download/**", kind: "reset", probability: 1, afterBytes: 512 },
      ],
      accessTokenLifetimeMs: { google: 10_000 },
    });
    expect(parsed.seed).toBe(3);
    expect(parsed.rules.map((rule) => rule.id)).toEqual(["rule-1", "cut"]);
    expect(parsed.rules[0]?.methods).toEqual(["GET"]);
    expect(parsed.accessTokenLifetimeMs).toEqual({ google: 10_000 });
  });

  it.each([
    [[], "body"],
    [{ rules: {} }, "rules"],
    [{ rules: [{ route: "/x", kind: "explode", probability: 1 }] }, "rules[0].kind"],
    [{ rules: [{ route: "x", kind: "status", probability: 1 }] }, "rules[0].route"],
    [{ rules: [{ route: "/x", kind: "status", probability: 1.5 }] }, "rules[0].probability"],
    [{ rules: [{ route: "/x", kind: "status", probability: 1, status: 404 }] }, "rules[0].status"],
    [{ rules: [{ route: "/x", kind: "latency", probability: 1 }] }, "rules[0].latencyMs"],
    [
      { rules: [{ route: "/x", kind: "reset", probability: 1, latencyMs: 5 }] },
      "rules[0].latencyMs",
    ],
    [
      { rules: [{ route: "/x", kind: "reset", probability: 1, afterBytes: -1 }] },
      "rules[0].afterBytes",
    ],
    [{ rules: [{ route: "/x", kind: "status", probability: 1, times: 0 }] }, "rules[0].times"],
    [{ rules: [{ route: "/x", kind: "status", probability: 1, methods: [] }] }, "rules[0].methods"],
    [
      { rules: [{ route: "/x", kind: "status", probability: 1, probabilty: 1 }] },
      "rules[0].probabilty",
    ],
    [
      {
        rules: [
          { id: "a", route: "/x", kind: "status", probability: 1 },
          { id: "a", route: "/y", kind: "status", probability: 1 },
        ],
      },
      "rules[1].id",
    ],
    [{ accessTokenLifetimeMs: { google: 0 } }, "accessTokenLifetimeMs.google"],
    [{ accessTokenLifetimeMs: { dropbox: 5 } }, "accessTokenLifetimeMs.dropbox"],
    [{ seed: 1.5 }, "seed"],
    [JSON.parse('{"__proto__": {"rules": []}}'), "__proto__"],
  ])("names the invalid field of %j", (input, field) => {
    expect(fieldOf(input)).toBe(field);
  });
});
