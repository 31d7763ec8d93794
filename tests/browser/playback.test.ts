import { readFileSync } from "node:fs";
import { trackKey } from "@player/core-library";
import { type DevCloud, detectTone, startDevCloud, TONE_FREQUENCIES_HZ } from "@player/dev-cloud";
import type { Player } from "@player/main-bridge";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ExampleApp, openExampleApp, signInAndSync } from "./fixtures/example-app.js";
import { installProbe, type ProbeState, record } from "./fixtures/playback/page-probe.js";

const ACCOUNT = "google:alex";
const SIGNALS = new URL("../../packages/core-playback/test-fixtures/signals/", import.meta.url);
/** The staircase test signals (second n plays tone n), uploaded next to the generated library. */
const STAIRCASES = {
  mp3: "staircase-vbr.mp3",
  flac: "staircase.flac",
  "ogg-vorbis": "staircase.ogg",
  "ogg-opus": "staircase.opus",
  m4a: "staircase.m4a",
} as const;

let cloud: DevCloud;
let app: ExampleApp;
let page: Page;
let sampleRate: number;
const staircaseKeys = new Map<string, string>();

beforeAll(async () => {
  cloud = await startDevCloud({ port: 0, tracks: 24, seed: 3 });
  const { rootId } = await cloud.admin.library();
  for (const [format, file] of Object.entries(STAIRCASES)) {
    const content = new Uint8Array(readFileSync(new URL(file, SIGNALS)));
    const added = await cloud.admin.addFile({ name: `Signal ${file}`, parentId: rootId, content });
    staircaseKeys.set(format, trackKey(ACCOUNT, added.id));
  }
  app = await openExampleApp(cloud.url);
  page = app.page;
  await signInAndSync(page);
  sampleRate = await page.evaluate(installProbe);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await cloud?.close();
});

const probe = () => page.evaluate(() => (window as unknown as { __probe: ProbeState }).__probe);

async function play(key: string): Promise<void> {
  await page.evaluate(
    (trackId) => (window as unknown as { player: Player }).player.play(trackId),
    key,
  );
}

async function waitForPosition(atLeast: number): Promise<void> {
  await page.waitForFunction(
    (seconds) => (window as unknown as { __probe: ProbeState }).__probe.position >= seconds,
    atLeast,
    { timeout: 20_000 },
  );
}

const recordFor = (ms: number) => page.evaluate(record, ms).then((data) => new Float32Array(data));

/** Longest run of (near) silent samples: a dropout inside music shows up here. */
function longestSilence(samples: Float32Array): number {
  let longest = 0;
  let run = 0;
  for (const value of samples) {
    run = Math.abs(value) < 1e-3 ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

describe("playback through the worker and the AudioWorklet, from the local cloud", () => {
  it("plays every generated format with its track's tone", async () => {
    const { tracks } = await cloud.admin.library();
    const byFormat = new Map<string, (typeof tracks)[number]>();
    for (const track of tracks)
      if (track.broken === undefined && track.fileId !== null && !byFormat.has(track.format))
        byFormat.set(track.format, track);
    expect([...byFormat.keys()].sort()).toEqual(
      ["flac", "m4a", "mp3", "ogg-opus", "ogg-vorbis", "wav"].sort(),
    );
    for (const [format, track] of byFormat) {
      await play(trackKey(ACCOUNT, track.fileId as string));
      await waitForPosition(0.8);
      const heard = await recordFor(600);
      const tone = detectTone(heard, sampleRate, 0.4);
      expect({ format, tone: tone.frequencyHz }).toEqual({ format, tone: track.frequencyHz });
      expect(tone.dominance).toBeGreaterThan(10);
    }
    expect((await probe()).errors).toEqual([]);
  });

  it("plays a staircase without dropouts, pauses and resumes, and lands seeks on the right tone", async () => {
    for (const [format, key] of staircaseKeys) {
      await play(key);
      await waitForPosition(0.2);
      // Second 0 plays tone 0; the player ran long enough that the window is inside it.
      const start = await recordFor(500);
      expect({ format, tone: detectTone(start, sampleRate, 0.3).frequencyHz }).toEqual({
        format,
        tone: TONE_FREQUENCIES_HZ[0],
      });
      // Sixteen silent samples in a row would be a dropout (the tone never rests that long).
      expect({ format, dropout: longestSilence(start) >= 16 }).toEqual({ format, dropout: false });

      await page.evaluate(() => (window as unknown as { player: Player }).player.pause());
      const whilePaused = await recordFor(300);
      // The ramp ends within a few milliseconds of the pause: skip 50 ms, then all silence.
      expect(Math.max(...whilePaused.subarray(Math.round(0.05 * sampleRate)).map(Math.abs))).toBe(
        0,
      );
      const pausedAt = (await probe()).position;
      await page.waitForTimeout(200);
      expect((await probe()).position).toBe(pausedAt);
      await page.evaluate(() => (window as unknown as { player: Player }).player.resume());
      await waitForPosition(pausedAt + 0.1);

      for (const target of [12.25, 3.25, 20.25]) {
        await page.evaluate(
          (seconds) => (window as unknown as { player: Player }).player.seek(seconds),
          target,
        );
        // The seek's position event travels on the event port, beside the call's answer.
        await page.waitForFunction(
          (seconds) => {
            const { position } = (window as unknown as { __probe: ProbeState }).__probe;
            return position >= seconds && position < seconds + 0.25;
          },
          target,
          { timeout: 2_000 },
        );
        // Recorded at once: the window sits well inside second ⌊target⌋.
        const after = await recordFor(250);
        const expected = TONE_FREQUENCIES_HZ[Math.floor(target)];
        expect({ format, target, tone: detectTone(after, sampleRate, 0.15).frequencyHz }).toEqual({
          format,
          target,
          tone: expected,
        });
        expect({ format, target, dropout: longestSilence(after) >= 16 }).toEqual({
          format,
          target,
          dropout: false,
        });
      }
    }
    const { errors, states } = await probe();
    expect(errors).toEqual([]);
    expect(states).toContain("paused");
  });

  it("reports a file that is not audio as playback/unsupported-format and plays on after it", async () => {
    const { rootId } = await cloud.admin.library();
    const bogus = await cloud.admin.addFile({
      name: "not really.mp3",
      parentId: rootId,
      content: "<html>this is a web page</html>",
    });
    await page.evaluate(() => (window as unknown as { player: Player }).player.sync.syncNow());
    const code = await page.evaluate(
      (key) =>
        (window as unknown as { player: Player }).player.play(key).then(
          () => "played",
          (error: { code: string }) => error.code,
        ),
      trackKey(ACCOUNT, bogus.id),
    );
    expect(code).toBe("playback/unsupported-format");
    await play(staircaseKeys.get("flac") as string);
    await waitForPosition(0.3);
    const heard = await recordFor(300);
    expect(detectTone(heard, sampleRate, 0.2).frequencyHz).toBe(TONE_FREQUENCIES_HZ[0]);
  });
});
