// Memory at steady state: the player worker's heap (DevTools protocol) and the
// PCM in flight (what the engine sent and the output has not played yet), with
// 4 s and 10 s buffered ahead, for a 44.1 kHz file (no resampler) and the
// 48 kHz Opus file (resampled to the 44.1 kHz context).
import { summary } from "./playback-analysis.mjs";
import {
  installRecorder,
  playbackState,
  recreatePlayer,
  stopAndSettle,
  waitForPosition,
} from "./playback-page.mjs";
import { attachWorkerHeap } from "./playback-rig.mjs";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Plays `track` from the start; samples heap and buffer once a second from 8 s to 15 s. */
async function steadyState(page, heap, track) {
  await page.evaluate(stopAndSettle, 300);
  await heap.collectGarbage();
  const idle = await heap.heap();
  await page.evaluate((key) => window.player.play(key), track.key);
  await page.evaluate(waitForPosition, { seconds: 8, timeoutMs: 20_000 });
  const samples = [];
  for (let second = 0; second < 8; second++) {
    const [usage, state] = await Promise.all([heap.heap(), page.evaluate(playbackState)]);
    samples.push({ ...usage, buffered: state.buffered });
    await sleep(1_000);
  }
  await heap.collectGarbage();
  const afterGc = await heap.heap();
  await page.evaluate(stopAndSettle, 100);
  return {
    idle,
    jsHeap: summary(samples.map((s) => s.jsHeap)).median,
    backing: summary(samples.map((s) => s.backing)).median,
    afterGc,
    bufferedSeconds: summary(samples.map((s) => s.buffered)).median,
  };
}

/**
 * Both buffer sizes on both files. The 10 s run first tries
 * `player.configure()`; if the engine does not pick the change up (the
 * buffer stays near 4 s), the player is recreated with the setting.
 */
export async function measureMemory(page, tracks, sampleRate, cloudUrl) {
  let heap = await attachWorkerHeap(page);
  const files = {
    "flac (44.1 kHz)": tracks.flac,
    "ogg-opus (48 kHz, resampled)": tracks["ogg-opus"],
  };
  const results = [];
  let configureTookEffect;
  for (const aheadSeconds of [4, 10]) {
    await page.evaluate(
      (seconds) => window.player.configure({ playback: { bufferAheadSeconds: seconds } }),
      aheadSeconds,
    );
    for (const [label, track] of Object.entries(files)) {
      let run = await steadyState(page, heap, track);
      if (aheadSeconds === 10 && configureTookEffect === undefined) {
        configureTookEffect = run.bufferedSeconds > 7;
        if (!configureTookEffect) {
          await page.evaluate(recreatePlayer, {
            config: { playback: { bufferAheadSeconds: 10 } },
            cloud: cloudUrl,
          });
          await page.evaluate(installRecorder);
          heap = await attachWorkerHeap(page);
          run = await steadyState(page, heap, track);
        }
      }
      // Stereo float32 at the output rate: what the queued seconds occupy.
      const pcmBytes = run.bufferedSeconds * sampleRate * 2 * 4;
      results.push({ label, aheadSeconds, pcmBytes, ...run });
    }
  }
  return { results, configureTookEffect };
}
