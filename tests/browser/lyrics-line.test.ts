import { trackKey } from "@player/core-library";
import { type DevCloud, startDevCloud } from "@player/dev-cloud";
import type { Player } from "@player/main-bridge";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ExampleApp, openExampleApp, signInAndSync } from "./fixtures/example-app.js";
import { lrcOf, type TimedLine, timedLinesOf } from "./fixtures/lyrics-line/lrc-lines.js";
import {
  type DeliveredLine,
  installLyricsProbe,
  type LyricsProbeState,
  resetLyricsProbe,
  stopAtTimerAnnouncedLine,
} from "./fixtures/lyrics-line/lyrics-probe.js";
import { audioPositionAt, positionSignalWav } from "./fixtures/lyrics-line/position-signal.js";

const ACCOUNT = "google:alex";
/** The position signal's length and its lyrics: a line every 500 ms from the start. */
const SIGNAL_SECONDS = 8;
const SIGNAL_LINES: TimedLine[] = Array.from({ length: 16 }, (_, n) => ({
  timeMs: n * 500,
  text: `Line ${n} at ${(n * 0.5).toFixed(1)} s`,
}));
/** A line may show this little ahead of its audio (clock jitter, a render quantum). */
const EARLY_MS = 30;
/**
 * And this late at most. Position reports come every 250 ms; without the
 * announcer's timer a line would be up to that late. 120 ms is under half of
 * it, so it shows the timer bridges the reports, and leaves room for what
 * the timer cannot remove: the report's trip from the worklet to the worker,
 * timer jitter in a busy worker, the event's trip to the page, and the page's
 * audio clock moving a render callback at a time.
 */
const LATE_MS = 120;
/**
 * A line at 0 ms may be later: the announcer starts reading the `.lrc` when
 * the track changes, while the track's first audio is already on its way.
 */
const FIRST_LINE_LATE_MS = 250;
/**
 * The line a seek lands in comes with the seek's own position report, so it
 * reaches the page at most this long after `seek()` resolves (the report and
 * the answer travel side by side)…
 */
const SEEK_ANSWER_MS = 50;
/**
 * …and at most this far into the audio from the new position: that audio may
 * start before `seek()` resolves, and then the line comes with the next
 * regular report, one report interval (250 ms) at worst. Typically it comes
 * before the new audio (the old one is still fading out).
 */
const SEEK_LATE_MS = 250;

let cloud: DevCloud;
let app: ExampleApp;
let page: Page;
let sampleRate: number;
let signalKey: string;

beforeAll(async () => {
  cloud = await startDevCloud({ port: 0, tracks: 24, seed: 3 });
  app = await openExampleApp(cloud.url);
  page = app.page;
  await signInAndSync(page);
  sampleRate = await page.evaluate(installLyricsProbe);
  // The signal is written at the output's rate, so no resampler touches its samples.
  const { rootId } = await cloud.admin.library();
  const signal = await cloud.admin.addFile({
    name: "Lyrics clock.wav",
    parentId: rootId,
    content: positionSignalWav(sampleRate, SIGNAL_SECONDS),
  });
  await cloud.admin.addFile({
    name: "Lyrics clock.lrc",
    parentId: rootId,
    content: lrcOf(SIGNAL_LINES),
  });
  signalKey = trackKey(ACCOUNT, signal.id);
  await page.evaluate(() => (window as unknown as { player: Player }).player.sync.syncNow());
}, 120_000);

afterAll(async () => {
  await app?.close();
  await cloud?.close();
});

const probe = () =>
  page.evaluate(() => (window as unknown as { __lyricsProbe: LyricsProbeState }).__lyricsProbe);

async function play(key: string): Promise<void> {
  await page.evaluate(resetLyricsProbe);
  await page.evaluate(
    (trackId) => (window as unknown as { player: Player }).player.play(trackId),
    key,
  );
}

async function stop(): Promise<void> {
  await page.evaluate(() => (window as unknown as { player: Player }).player.stop());
}

/** The lines of the play under test: received after its `playback:track-changed`. */
const ofThisPlay = (lines: readonly DeliveredLine[]) =>
  lines.filter((line) => line.trackChanges > 0);

/** Waits until the page has received `count` lines of the play under test. */
async function waitForLines(count: number, timeout = 5_000): Promise<void> {
  await page.waitForFunction(
    (atLeast) =>
      (window as unknown as { __lyricsProbe: LyricsProbeState }).__lyricsProbe.lines.filter(
        (line) => line.trackChanges > 0,
      ).length >= atLeast,
    count,
    { timeout },
  );
}

/**
 * Waits until the tap has heard the track play on past the last line received:
 * its blocks reach the page through the worklet's port, after the line may have.
 */
async function waitForTapPastLastLine(): Promise<void> {
  await page.waitForFunction(() => {
    const probe = (window as unknown as { __lyricsProbe: LyricsProbeState }).__lyricsProbe;
    const last = probe.lines.at(-1);
    if (last === undefined) return false;
    for (let i = probe.tap.length - 2; i >= 0; i -= 2) {
      if ((probe.tap[i] as number) <= last.contextFrame) return false;
      if ((probe.tap[i + 1] as number) >= 0) return true;
    }
    return false;
  });
}

/** How far (ms) the audio had played past the line's start when the page received it. */
function lateness(line: DeliveredLine, tap: readonly number[]): number {
  const position = audioPositionAt(tap, sampleRate, line.contextFrame);
  if (position === undefined) throw new Error(`No audio clock at line ${line.index}`);
  return Math.round((position * 1000 - line.timeMs) * 10) / 10;
}

/** Asserts each line reached the page within the window around its start. */
function expectOnTime(lines: readonly DeliveredLine[], tap: readonly number[]): void {
  for (const line of lines) {
    const offset = lateness(line, tap);
    const late = line.timeMs === 0 ? FIRST_LINE_LATE_MS : LATE_MS;
    expect({ index: line.index, offset, inWindow: offset >= -EARLY_MS && offset <= late }).toEqual({
      index: line.index,
      offset,
      inWindow: true,
    });
  }
}

/** A generated track with an `.lrc` sidecar, and the sidecar's timed lines. */
async function generatedTrackWithLyrics(): Promise<{ key: string; lines: TimedLine[] }> {
  const { tracks } = await cloud.admin.library();
  const track = tracks.find(
    (candidate) =>
      candidate.hasLyrics &&
      candidate.broken === undefined &&
      candidate.fileId !== null &&
      candidate.lyricsFileId !== null,
  );
  const lyricsFile = cloud.context.library.get(track?.lyricsFileId ?? "");
  if (track?.fileId == null || lyricsFile?.kind !== "file")
    throw new Error("The generated library has no playable track with an .lrc");
  const lrc = new TextDecoder().decode(cloud.context.library.bytes(lyricsFile));
  return { key: trackKey(ACCOUNT, track.fileId), lines: timedLinesOf(lrc) };
}

describe("playback:lyrics-line in Chromium, through the worker and the AudioWorklet", () => {
  it("announces each line of a generated track's .lrc once, in order, with its time and text", async () => {
    const { key, lines: expected } = await generatedTrackWithLyrics();
    // What lyrics-renderer.ts writes: four lines 750 ms apart inside the 3 s tone.
    expect(expected.map(({ timeMs }) => timeMs)).toEqual([0, 750, 1500, 2250]);

    await play(key);
    await page.waitForFunction(
      () =>
        (window as unknown as { __lyricsProbe: LyricsProbeState }).__lyricsProbe.states.includes(
          "ended",
        ),
      undefined,
      { timeout: 10_000 },
    );
    const { lines, errors } = await probe();
    const played = ofThisPlay(lines);
    expect(
      played.map(({ trackId, index, timeMs, text }) => ({ trackId, index, timeMs, text })),
    ).toEqual(expected.map(({ timeMs, text }, index) => ({ trackId: key, index, timeMs, text })));
    // Each event's position lies inside its line.
    for (const [index, line] of played.entries()) {
      const endMs = expected[index + 1]?.timeMs ?? Number.POSITIVE_INFINITY;
      const inside = line.position * 1000 >= line.timeMs && line.position * 1000 < endMs;
      expect({ index, position: line.position, inside }).toEqual({
        index,
        position: line.position,
        inside: true,
      });
    }
    expect(errors).toEqual([]);
  });

  it("announces each line as the audio reaches it: at most 30 ms early, 120 ms late", async () => {
    await play(signalKey);
    await waitForLines(11, 10_000);
    await waitForTapPastLastLine();
    await stop();
    const { lines, tap, errors } = await probe();
    const played = ofThisPlay(lines).slice(0, 11);
    expect(played.map(({ index, timeMs, text }) => ({ index, timeMs, text }))).toEqual(
      SIGNAL_LINES.slice(0, 11).map(({ timeMs, text }, index) => ({ index, timeMs, text })),
    );
    expectOnTime(played, tap);
    expect(errors).toEqual([]);
  });

  it("re-announces the line at once after a seek back, and announces nothing while paused", async () => {
    await play(signalKey);
    await waitForLines(6); // Lines 0–5: the audio is past 2.5 s.
    await page.waitForTimeout(100);
    const seek = await page.evaluate(async (seconds) => {
      const { player, __lyricsProbe: state } = window as unknown as {
        player: Player;
        __lyricsProbe: LyricsProbeState;
      };
      const calledAt = performance.now();
      const linesBefore = state.lines.length;
      await player.seek(seconds);
      return { calledAt, linesBefore, resolvedAt: performance.now() };
    }, 0.75);
    await waitForLines(9); // The seek's line 1, then 2 and 3 as the audio plays on.
    await page.waitForTimeout(100);
    const linesWhenPaused = await page.evaluate(async () => {
      const { player, __lyricsProbe: state } = window as unknown as {
        player: Player;
        __lyricsProbe: LyricsProbeState;
      };
      await player.pause();
      return state.lines.length;
    });
    // Paused about 100 ms into line 3 (1.5 s): line 4 would be due 400 ms later.
    await page.waitForTimeout(1_200);
    expect((await probe()).lines.length).toBe(linesWhenPaused);
    await page.evaluate(() => (window as unknown as { player: Player }).player.resume());
    await waitForLines(11);
    await waitForTapPastLastLine();
    await stop();

    const { lines, tap, errors } = await probe();
    const played = ofThisPlay(lines);
    expect(played.map(({ index }) => index)).toEqual([0, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5]);
    for (const line of played) expect(line.text).toBe(SIGNAL_LINES[line.index]?.text);
    // The seek's line: announced with the seek, while the audio is inside it.
    const seekLine = lines[seek.linesBefore] as DeliveredLine;
    expect(seekLine.index).toBe(1);
    expect(seekLine.position).toBeGreaterThanOrEqual(0.75);
    expect(seekLine.position).toBeLessThan(1);
    expect(seekLine.wallMs - seek.resolvedAt).toBeLessThanOrEqual(SEEK_ANSWER_MS);
    const seekLineAudio = audioPositionAt(tap, sampleRate, seekLine.contextFrame) ?? -1;
    expect(seekLineAudio).toBeGreaterThanOrEqual(0.5 - EARLY_MS / 1000);
    expect(seekLineAudio).toBeLessThanOrEqual(0.75 + SEEK_LATE_MS / 1000);
    // Every other line on time, the ones after the seek and after the resume included.
    expectOnTime(
      played.filter((line) => line !== seekLine),
      tap,
    );
    expect(errors).toEqual([]);
  });

  it("announces no line of a stopped track when the next one starts", async () => {
    await play(signalKey);
    await page.evaluate(stopAtTimerAnnouncedLine);
    const next = await generatedTrackWithLyrics();
    await play(next.key);
    await waitForLines(1);
    // Every line since play() is the new track's, starting with its first.
    const { lines } = await probe();
    const first = lines[0] as DeliveredLine;
    expect({ trackId: first.trackId, index: first.index }).toEqual({ trackId: next.key, index: 0 });
    expect(lines.filter((line) => line.trackId !== next.key)).toEqual([]);
  });
});
