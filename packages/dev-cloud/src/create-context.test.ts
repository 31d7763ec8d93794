import { describe, expect, it } from "vitest";
import { createDevClock, createDevCloudContext } from "./create-context.js";

describe("createDevCloudContext", () => {
  it("has the documented users and OAuth clients", () => {
    const { context } = createDevCloudContext({ tracks: 3, seed: 1, now: 0 });
    expect(context.users.map((user) => [user.id, user.displayName, user.email])).toEqual([
      ["alex", "Alex Example", "alex@example.com"],
      ["sam", "Sam Sample", "sam@example.com"],
    ]);
    expect(context.clients).toEqual({
      google: {
        clientId: "dev-google-client.apps.googleusercontent.com",
        clientSecret: "dev-google-secret",
      },
      microsoft: { clientId: "11111111-2222-3333-4444-555555555555" },
    });
  });

  it("builds the same library and random draws from the same seed", () => {
    const first = createDevCloudContext({ tracks: 12, seed: 8, now: 1_000_000 }).context;
    const second = createDevCloudContext({ tracks: 12, seed: 8, now: 1_000_000 }).context;
    const other = createDevCloudContext({ tracks: 12, seed: 9, now: 1_000_000 }).context;
    expect(second.library.tracks()).toEqual(first.library.tracks());
    expect(second.library.all().map((item) => item.id)).toEqual(
      first.library.all().map((item) => item.id),
    );
    expect(second.random.token(20)).toBe(first.random.token(20));
    expect(other.library.tracks()).not.toEqual(first.library.tracks());
  });

  it("starts the clock at `now` and moves it only when advanced", () => {
    const { context } = createDevCloudContext({ tracks: 1, seed: 1, now: 5_000 });
    expect(context.clock.now()).toBe(5_000);
    context.clock.advance(250);
    expect(context.clock.now()).toBe(5_250);
    expect(() => context.clock.advance(-1)).toThrow(RangeError);
  });

  it("knows its origin only once set", () => {
    const handle = createDevCloudContext({ tracks: 1, seed: 1 });
    expect(() => handle.context.origin()).toThrow(/origin/);
    handle.setOrigin("http://127.0.0.1:9000/");
    expect(handle.context.origin()).toBe("http://127.0.0.1:9000");
  });

  it("uses the fault injector for provider faults", () => {
    const handle = createDevCloudContext({ tracks: 1, seed: 1 });
    handle.faults.setConfig({ accessTokenLifetimeMs: { google: 1_500 } });
    expect(handle.context.faults.accessTokenLifetimeMs("google")).toBe(1_500);
  });

  it.each([
    [{ tracks: -1, seed: 1 }, /tracks/],
    [{ tracks: 1, seed: 0.5 }, /seed/],
    [{ tracks: 1, seed: 1, faultSeed: Number.NaN }, /faultSeed/],
  ])("rejects %j", (options, message) => {
    expect(() => createDevCloudContext(options)).toThrow(message);
  });
});

describe("createDevClock", () => {
  it("adds advances up", () => {
    const clock = createDevClock(10);
    clock.advance(5);
    clock.advance(0);
    expect(clock.now()).toBe(15);
  });
});
