import { describe, expectTypeOf, it } from "vitest";
import type {
  Page,
  Player,
  PlayerErrorCode,
  PlayerInfo,
  SearchPage,
  SyncSummary,
  Track,
  UiEventMap,
} from "./index.js";
import { createPlayer, PlayerError } from "./index.js";

declare const player: Player;

describe("the public API's types", () => {
  it("types event payloads by event name", () => {
    player.on("diagnostics:tick", (data) => {
      expectTypeOf(data).toEqualTypeOf<UiEventMap["diagnostics:tick"]>();
      expectTypeOf(data.seq).toBeNumber();
    });
    player.on("runtime:error", ({ error }) => {
      expectTypeOf(error.code).toEqualTypeOf<PlayerErrorCode>();
      expectTypeOf(error.fatal).toBeBoolean();
    });
    player.on("runtime:worker-lost", ({ reason }) => {
      expectTypeOf(reason).toEqualTypeOf<"heartbeat-timeout" | "worker-error">();
    });
    // @ts-expect-error: not an event of the player
    player.on("runtime:nope", () => {});
    expectTypeOf(player.on("runtime:ready", () => {})).toEqualTypeOf<() => void>();
  });

  it("takes deep-partial config and rejects unknown keys at compile time", () => {
    expectTypeOf(player.configure({ http: { retries: 2 } })).resolves.toHaveProperty("http");
    // @ts-expect-error: misspelt key
    player.configure({ http: { timeotMs: 5 } });
    // @ts-expect-error: wrong type
    player.configure({ log: { level: "loud" } });
    expectTypeOf(player.ready).resolves.toEqualTypeOf<PlayerInfo>();
  });

  it("keeps error codes to the known set", () => {
    expectTypeOf<"runtime/disposed">().toExtend<PlayerErrorCode>();
    expectTypeOf<"made/up">().not.toExtend<PlayerErrorCode>();
    expectTypeOf(new PlayerError("http/timeout", "slow").retryable).toBeBoolean();
    // @ts-expect-error: unknown code
    new PlayerError("made/up", "x");
  });

  it("types the library and sync APIs as promises of plain data", () => {
    expectTypeOf(player.library.queryTracks({ sort: "title", limit: 50 })).resolves.toEqualTypeOf<
      Page<Track>
    >();
    expectTypeOf(player.library.search("abc")).resolves.toEqualTypeOf<SearchPage>();
    expectTypeOf(player.sync.syncNow()).resolves.toEqualTypeOf<SyncSummary[]>();
    // @ts-expect-error: not a sort order
    player.library.queryTracks({ sort: "colour" });
    // @ts-expect-error: the SyncTarget writes are not page-facing
    player.library.applySyncBatch;
    player.on("sync:progress", ({ processed, discovered }) => {
      expectTypeOf(processed).toBeNumber();
      expectTypeOf(discovered).toBeNumber();
    });
    expectTypeOf(player.getConfig()).resolves.toHaveProperty("sync");
  });

  it("requires a worker", () => {
    // @ts-expect-error: worker is required
    createPlayer({});
    expectTypeOf(createPlayer).returns.toEqualTypeOf<Player>();
  });
});
