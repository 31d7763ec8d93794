import {
  EventBus,
  type PlaybackErrorData,
  type PlayerEventMap,
  type StorageProvider,
} from "@player/core-runtime";
import { type DevCloud, detectTone, startDevCloud } from "@player/dev-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResampler } from "../resample/resampler.js";
import { RangeByteReader } from "../source/range-byte-reader.js";
import { devCloudStorage, tinySleep } from "../test-support/dev-cloud-storage.js";
import { readStaircase, STAIRCASE_SECONDS, staircaseToneAt } from "../test-support/signals.js";
import { PlaybackEngine } from "./playback-engine.js";
import { VirtualOutput } from "./test-support/virtual-output.js";

const OUTPUT_RATE = 48_000;
/** Node has no WebCodecs: AAC in MP4 cannot decode here (the Chromium test plays it). */
const NODE_FORMATS = ["mp3", "flac", "ogg-vorbis", "ogg-opus", "wav"] as const;

let cloud: DevCloud;
let storage: StorageProvider;

beforeAll(async () => {
  cloud = await startDevCloud({ tracks: 24, seed: 7 });
  storage = await devCloudStorage(cloud, "google");
});

afterAll(async () => {
  await cloud.close();
});

/** An engine reading the dev-cloud over HTTP, playing into a virtual 48 kHz output. */
function engineOverHttp(drive: StorageProvider = storage) {
  const bus = new EventBus<PlayerEventMap>();
  const errors: PlaybackErrorData[] = [];
  const states: string[] = [];
  bus.on("playback:error", (data) => errors.push(data));
  bus.on("playback:state", ({ state }) => states.push(state));
  const output = new VirtualOutput({ sampleRate: OUTPUT_RATE, channels: 2 });
  const engine = new PlaybackEngine({
    bus,
    openTrack: (remoteId, signal) =>
      RangeByteReader.open(drive, remoteId, { retries: 2, sleep: tinySleep }, signal),
    createResampler,
    bufferAheadSeconds: 1,
  });
  engine.attachOutput(output);
  /** Plays in 20 ms steps until the output is `state` (or `limitSeconds` of audio pass). */
  const playUntil = async (state: string, limitSeconds = 10) => {
    for (let step = 0; step < limitSeconds * 50 && states.at(-1) !== state; step++) {
      output.advance(OUTPUT_RATE / 50);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  };
  return { engine, output, errors, states, playUntil };
}

async function tracksOf(format: string, broken?: string) {
  const { tracks } = await cloud.admin.library();
  return tracks.filter(
    (track) => track.format === format && track.broken === broken && track.fileId !== null,
  );
}

describe("PlaybackEngine over HTTP from the dev-cloud, real decoders, resampled to 48 kHz", () => {
  it.each(NODE_FORMATS)(
    "plays a %s track whole: exact length and the track's tone",
    async (format) => {
      const [track] = await tracksOf(format);
      if (track === undefined) throw new Error(`no ${format} track`);
      const { engine, output, errors, states, playUntil } = engineOverHttp();
      await engine.play(track.fileId as string);
      await playUntil("ended");
      expect(states).toEqual(["loading", "playing", "ended"]);
      expect(errors).toEqual([]);
      // Every generated track lasts exactly 3 s; at 48 kHz that is 144,000 frames.
      expect(output.played.length).toBe((track.durationMs / 1000) * OUTPUT_RATE);
      const tone = detectTone(Float32Array.from(output.played), OUTPUT_RATE, 1);
      expect(tone.frequencyHz).toBe(track.frequencyHz);
      expect(tone.dominance).toBeGreaterThan(100);
    },
  );

  it("plays from OneDrive too (download URL resolved once, then Range reads)", async () => {
    const [track] = await tracksOf("flac");
    if (track === undefined) throw new Error("no flac track");
    const oneDrive = await devCloudStorage(cloud, "microsoft");
    const { engine, output, errors, playUntil } = engineOverHttp(oneDrive);
    await engine.play(track.fileId as string);
    await playUntil("ended");
    expect(errors).toEqual([]);
    expect(output.played.length).toBe(3 * OUTPUT_RATE);
    expect(detectTone(Float32Array.from(output.played), OUTPUT_RATE, 1).frequencyHz).toBe(
      track.frequencyHz,
    );
  });

  it.each([
    ["mp3-vbr", "mp3"],
    ["ogg-vorbis", "ogg"],
  ] as const)(
    "plays a truncated %s to where it ends, with a non-fatal playback/truncated",
    async (fixture, extension) => {
      const whole = readStaircase(fixture);
      const { rootId } = await cloud.admin.library();
      const file = await cloud.admin.addFile({
        name: `cut.${extension}`,
        parentId: rootId,
        content: whole.subarray(0, Math.floor(whole.length * 0.3)),
      });
      const { engine, output, errors, states, playUntil } = engineOverHttp();
      await engine.play(file.id);
      await playUntil("ended", STAIRCASE_SECONDS);
      expect(states.at(-1)).toBe("ended");
      expect(errors.map(({ fatal, error }) => [fatal, error.code])).toEqual([
        [false, "playback/truncated"],
      ]);
      // About 30 % of 24 s was there to play, and the tones follow the staircase.
      const seconds = output.played.length / OUTPUT_RATE;
      expect(seconds).toBeGreaterThan(5);
      expect(seconds).toBeLessThan(9);
      const second = (n: number) =>
        Float32Array.from(output.played.slice(n * OUTPUT_RATE, (n + 1) * OUTPUT_RATE));
      expect(detectTone(second(2), OUTPUT_RATE, 0.5).frequencyHz).toBe(staircaseToneAt(2));
      expect(detectTone(second(4), OUTPUT_RATE, 0.5).frequencyHz).toBe(staircaseToneAt(4));
    },
  );

  it("plays past damaged frames with a non-fatal playback/corrupt-data", async () => {
    const damaged = readStaircase("mp3-cbr").slice();
    damaged.fill(0x5a, 200_000, 203_000);
    const { rootId } = await cloud.admin.library();
    const file = await cloud.admin.addFile({
      name: "damaged.mp3",
      parentId: rootId,
      content: damaged,
    });
    const { engine, output, errors, states, playUntil } = engineOverHttp();
    await engine.play(file.id);
    await playUntil("ended", STAIRCASE_SECONDS + 2);
    expect(states.at(-1)).toBe("ended");
    expect(errors.map(({ fatal, error }) => [fatal, error.code])).toEqual([
      [false, "playback/corrupt-data"],
    ]);
    // The lost frames are made up with silence: the track keeps its length within a frame.
    expect(Math.abs(output.played.length - STAIRCASE_SECONDS * OUTPUT_RATE)).toBeLessThan(1_300);
    const late = Float32Array.from(output.played.slice(20 * OUTPUT_RATE, 21 * OUTPUT_RATE));
    expect(detectTone(late, OUTPUT_RATE, 0.5).frequencyHz).toBe(staircaseToneAt(20));
  });

  it("rejects a file that is not audio with playback/unsupported-format", async () => {
    const { rootId } = await cloud.admin.library();
    const page = await cloud.admin.addFile({
      name: "notes.mp3",
      parentId: rootId,
      content: "<!doctype html><p>not audio",
    });
    const { engine, states } = engineOverHttp();
    await expect(engine.play(page.id)).rejects.toMatchObject({
      code: "playback/unsupported-format",
    });
    expect(states).toEqual(["loading", "error"]);
  });

  it("fails with a retryable error when the network goes away mid-track, and plays again after", async () => {
    // A long file (680 KB), so most of it is still unread when the network goes.
    const { rootId } = await cloud.admin.library();
    const file = await cloud.admin.addFile({
      name: "staircase.flac",
      parentId: rootId,
      content: readStaircase("flac"),
    });
    const { engine, output, errors, states, playUntil } = engineOverHttp();
    await engine.play(file.id);
    await cloud.admin.setFaults([
      { route: "/google/drive", kind: "status", status: 503, probability: 1 },
    ]);
    try {
      await playUntil("error", STAIRCASE_SECONDS);
    } finally {
      await cloud.admin.clearFaults();
    }
    expect(states.at(-1)).toBe("error");
    const fatal = errors.find((error) => error.fatal);
    expect(fatal?.error).toMatchObject({ code: "playback/source-failed", retryable: true });
    // What was buffered before the failure was played, then nothing more.
    expect(output.played.length).toBeGreaterThan(0);
    expect(output.played.length).toBeLessThan(STAIRCASE_SECONDS * OUTPUT_RATE);

    const again = engineOverHttp();
    await again.engine.play(file.id);
    await again.playUntil("ended", STAIRCASE_SECONDS + 2);
    expect(again.output.played.length).toBe(STAIRCASE_SECONDS * OUTPUT_RATE);
  });
});
