// Turns what the page's recorder captured into times: the audio clock mapped
// to page time, the first sound after play(), the first sample of the new
// position after seek(), and the tone heard there.
import { detectTone, TONE_FREQUENCIES_HZ } from "@player/dev-cloud";

const QUANTUM = 128;
/** Quanta of one render burst reach the page within this of each other (an idle page). */
const BURST_GAP_MS = 2;

/**
 * The audio clock → page time mapping of one recording. The audio thread
 * renders one device buffer (10 ms here) of quanta in a burst, and the page
 * receives each quantum's message shortly after its burst. The quantum that
 * arrived the soonest after its own end frame sets the line `pageMs = offset
 * + frame / rate`, which holds for the last frame of every burst (plus the
 * smallest message delay); frames earlier in a burst sit up to one device
 * buffer below it, although they leave the worklet at the same time.
 */
export function clockMapping(recording, untilMs = recording.calledAt) {
  const { chunks, sampleRate } = recording;
  let offset = Number.POSITIVE_INFINITY;
  for (const { frame, arrival } of chunks) {
    if (arrival > untilMs) continue;
    offset = Math.min(offset, arrival - ((frame + QUANTUM) / sampleRate) * 1000);
  }
  if (!Number.isFinite(offset)) throw new Error("No recorded quantum before the call");
  return {
    /** When chunk `index` left the worklet: the line at the end of its burst. */
    renderedAt: (index) => {
      const start = chunks[index];
      let last = index;
      for (let next = index + 1; next < chunks.length; next++) {
        const chunk = chunks[next];
        const contiguous = chunk.frame === chunks[next - 1].frame + QUANTUM;
        if (!contiguous || chunk.arrival - start.arrival > BURST_GAP_MS) break;
        last = next;
      }
      return offset + ((chunks[last].frame + QUANTUM) / sampleRate) * 1000;
    },
    toFrame: (pageMs) => Math.round(((pageMs - offset) / 1000) * sampleRate),
  };
}

/**
 * Time to first sound of a `play()` recording: the first sample ≠ 0 after the
 * call, when it left the worklet (audio clock mapped to page time) and when
 * its quantum reached the page. Null when nothing was heard (or sound was already
 * playing before the call, which would make the figure meaningless).
 */
export function firstSound(recording) {
  const { chunks, calledAt } = recording;
  const mapping = clockMapping(recording);
  const before = chunks.filter((chunk) => chunk.arrival <= calledAt);
  if (before.some((chunk) => chunk.firstSound >= 0)) return null;
  const index = chunks.findIndex((chunk) => chunk.arrival > calledAt && chunk.firstSound >= 0);
  if (index < 0) return null;
  const heard = chunks[index];
  return {
    clockMs: mapping.renderedAt(index) - calledAt,
    arrivalMs: heard.arrival - calledAt,
    settledMs: recording.settledAt - calledAt,
  };
}

/** The recording's first channel laid out by frame (NaN where a quantum is missing). */
function samplesByFrame(chunks) {
  const first = chunks[0]?.frame ?? 0;
  const last = chunks.at(-1);
  const length = last === undefined ? 0 : last.frame + QUANTUM - first;
  const samples = new Float32Array(length).fill(Number.NaN);
  for (const chunk of chunks) samples.set(chunk.samples, chunk.frame - first);
  return { first, samples };
}

/**
 * Seek latency of a `seek(target)` recording. After a seek the sink fades the
 * old audio out to a gain of exactly 0, holds exact silence until the new
 * position's PCM arrives, then fades it in from 0: the new position starts
 * at the first sample ≠ 0 after the first exact 0 that follows the call. The
 * tone heard from 10 ms after that point must be the target second's.
 */
export function seekOnset(recording, target) {
  const { chunks, calledAt, sampleRate } = recording;
  const mapping = clockMapping(recording);
  const { first, samples } = samplesByFrame(chunks);
  // One device buffer before the mapped call frame: the mapping may run up to that early.
  let index = Math.max(0, mapping.toFrame(calledAt) - first - 512);
  while (index < samples.length && samples[index] !== 0) index++;
  while (index < samples.length && (samples[index] === 0 || Number.isNaN(samples[index]))) index++;
  if (index >= samples.length) return null;
  const frame = first + index;
  const heardIndex = chunks.findIndex((chunk) => chunk.frame + QUANTUM > frame);
  const heard = chunks[heardIndex];
  const from = index + Math.round(0.01 * sampleRate);
  const window = samples.subarray(from, from + Math.round(0.1 * sampleRate));
  const expected = TONE_FREQUENCIES_HZ[Math.floor(target)];
  const tone =
    window.length > 0 && !window.some(Number.isNaN)
      ? detectTone(window, sampleRate, 0.1).frequencyHz
      : Number.NaN;
  return {
    clockMs: mapping.renderedAt(heardIndex) - calledAt,
    arrivalMs: (heard?.arrival ?? Number.NaN) - calledAt,
    settledMs: recording.settledAt - calledAt,
    toneOk: tone === expected,
  };
}

/** The `fraction` quantile (nearest rank) of `values`. */
export function quantile(values, fraction) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index];
}

/** Median and p95 of a list of samples. */
export const summary = (values) => ({
  n: values.filter(Number.isFinite).length,
  median: quantile(values, 0.5),
  p95: quantile(values, 0.95),
});
