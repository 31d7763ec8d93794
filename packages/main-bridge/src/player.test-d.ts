import { describe, expectTypeOf, it } from "vitest";
import type {
  Lyrics,
  MetadataProgressData,
  Page,
  PlaybackState,
  PlaybackStatus,
  Player,
  PlayerErrorCode,
  PlayerInfo,
  PlayOptions,
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

  it("types metadata calls and events", () => {
    expectTypeOf(player.library.getArtwork("key", 96)).resolves.toEqualTypeOf<Blob | undefined>();
    expectTypeOf(player.library.getAlbumArtwork("album")).resolves.toEqualTypeOf<
      Blob | undefined
    >();
    expectTypeOf(player.library.getLyrics("key")).resolves.toEqualTypeOf<Lyrics | undefined>();
    expectTypeOf(player.metadata.getScanStatus()).resolves.toEqualTypeOf<MetadataProgressData>();
    player.on("metadata:progress", ({ state, remaining }) => {
      expectTypeOf(state).toEqualTypeOf<"scanning" | "idle">();
      expectTypeOf(remaining).toBeNumber();
    });
    player.on("playback:lyrics-line", ({ index, line }) => {
      expectTypeOf(index).toBeNumber();
      expectTypeOf(line.text).toBeString();
    });
    const lyrics = {} as Lyrics;
    if (lyrics.synced) expectTypeOf(lyrics.lines[0]?.timeMs).toEqualTypeOf<number | undefined>();
    else expectTypeOf(lyrics.text).toBeString();
  });

  it("types playback calls and events", () => {
    expectTypeOf(player.play).parameters.toEqualTypeOf<[trackId: string, options?: PlayOptions]>();
    expectTypeOf(player.play("key")).resolves.toBeVoid();
    expectTypeOf(player.getPlaybackStatus()).resolves.toEqualTypeOf<PlaybackStatus>();
    player.on("playback:state", ({ state }) => {
      expectTypeOf(state).toEqualTypeOf<PlaybackState>();
    });
    player.on("playback:position", ({ position, duration }) => {
      expectTypeOf(position).toBeNumber();
      expectTypeOf(duration).toEqualTypeOf<number | undefined>();
    });
    player.on("playback:error", ({ error, fatal }) => {
      expectTypeOf(error.code).toEqualTypeOf<PlayerErrorCode>();
      expectTypeOf(fatal).toBeBoolean();
    });
    player.configure({ playback: { bufferAheadSeconds: 10 } });
    // @ts-expect-error: seconds are a number
    player.configure({ playback: { bufferAheadSeconds: "10" } });
    expectTypeOf(player.audio.context).toEqualTypeOf<AudioContext | undefined>();
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
