// Time to first sound and seek latency, per format, measured on the player's
// output in the page (see playback-analysis.mjs for how times are read off
// the recording), with the reference: one bare 16 KiB Range request from the page.
import { firstSound, seekOnset } from "./playback-analysis.mjs";
import {
  fetchRange,
  playbackState,
  stopAndSettle,
  timedAction,
  waitForPosition,
} from "./playback-page.mjs";

/** Remote targets (seconds before the end: late in the file) and local ones (already played, so read). */
const REMOTE_FROM_END = [3.75, 1.75, 5.75, 2.75, 0.75, 4.75];
const LOCAL_TARGETS = [1.25, 0.25, 1.5, 0.5, 1.25, 0.25];

/** The first `bytes` of every staircase fetched from the page: one warm-up each, then `rounds`. */
export async function measureRangeReference(page, tracks, token, rounds) {
  const times = [];
  for (const track of Object.values(tracks)) {
    const request = { url: track.url, token, bytes: 16 * 1024 };
    // The first request also pays the CORS preflight; the player's reader pays it once per file too.
    const first = await page.evaluate(fetchRange, request);
    if (first.status !== 206) throw new Error(`Range request answered ${first.status}`);
    for (let round = 0; round < rounds; round++)
      times.push((await page.evaluate(fetchRange, request)).ms);
  }
  return times;
}

/**
 * `plays` + 1 plays of each format from silence: the first loads the format's
 * decoder chunk (cold), the rest find it loaded (warm). Each play opens the
 * file anew, so every one reads from the network.
 */
export async function measureFirstSounds(page, tracks, plays) {
  const results = {};
  for (const [format, track] of Object.entries(tracks)) {
    const runs = [];
    for (let play = 0; play <= plays; play++) {
      await page.evaluate(stopAndSettle, 250);
      const recording = await page.evaluate(timedAction, {
        action: "play",
        argument: track.key,
        leadMs: 200,
        tailMs: 300,
        withSamples: false,
      });
      if (recording.error !== undefined) throw new Error(`${format}: play() ${recording.error}`);
      runs.push(firstSound(recording));
    }
    const [cold, ...warm] = runs;
    results[format] = {
      cold,
      warm: warm.filter((run) => run !== null),
      missed: warm.filter((run) => run === null).length,
    };
  }
  await page.evaluate(stopAndSettle, 100);
  return results;
}

/** Byte ranges the server sent for one file since request id `since`. */
async function rangesRead(cloud, fileId, since) {
  const entries = await cloud.admin.requests({ since, path: `/google/drive/v3/files/${fileId}` });
  return entries
    .filter((entry) => entry.method === "GET" && entry.range !== undefined)
    .map((entry) => {
      const [, start, end] = /bytes=(\d+)-(\d*)/.exec(entry.range) ?? [];
      return { start: Number(start), end: end === "" ? Number.POSITIVE_INFINITY : Number(end) };
    });
}

/** One timed seek; `remote` when it fetched bytes past everything read before it. */
async function timedSeek(page, cloud, track, target, playStartId) {
  const before = await cloud.admin.lastRequestId();
  const readEnd = Math.max(
    -1,
    ...(await rangesRead(cloud, track.fileId, playStartId)).map((r) => r.end),
  );
  const recording = await page.evaluate(timedAction, {
    action: "seek",
    argument: target,
    leadMs: 200,
    tailMs: 400,
    withSamples: true,
  });
  if (recording.error !== undefined) throw new Error(`seek(${target}) ${recording.error}`);
  const fetched = await rangesRead(cloud, track.fileId, before);
  const onset = seekOnset(recording, target);
  return onset === null
    ? null
    : { ...onset, remote: fetched.some((range) => range.end > readEnd), requests: fetched.length };
}

/**
 * `rounds` rounds per format: play from the start, let 1.6 s play, seek far
 * ahead (a part not read yet, unless the file was read whole by then), let
 * it play, then seek back into the first two seconds (read and cached).
 * Each seek is classed by the requests the server saw, not by its target.
 */
export async function measureSeeks(page, cloud, tracks, rounds) {
  const results = {};
  for (const [format, track] of Object.entries(tracks)) {
    const seeks = [];
    for (let round = 0; round < rounds; round++) {
      await page.evaluate(stopAndSettle, 200);
      const playStartId = await cloud.admin.lastRequestId();
      await page.evaluate((key) => window.player.play(key), track.key);
      await page.evaluate(waitForPosition, { seconds: 1.6, timeoutMs: 10_000 });
      const remoteTarget = track.seconds - REMOTE_FROM_END[round % REMOTE_FROM_END.length];
      const localTarget = LOCAL_TARGETS[round % LOCAL_TARGETS.length];
      seeks.push({
        target: remoteTarget,
        ...(await timedSeek(page, cloud, track, remoteTarget, playStartId)),
      });
      seeks.push({
        target: localTarget,
        ...(await timedSeek(page, cloud, track, localTarget, playStartId)),
      });
    }
    results[format] = seeks;
  }
  await page.evaluate(stopAndSettle, 100);
  const { errors } = await page.evaluate(playbackState);
  return { seeks: results, errors };
}
