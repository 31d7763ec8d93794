/**
 * The {@link DecodeStream} of an MP4/M4A audio track: reads `mdat` in
 * chunk-sized ranges through the sample table, decodes each run of samples
 * with a short preroll, and trims priming and padding to exact frames.
 */
import { isPlayerError } from "@player/core-runtime";
import type {
  ByteReader,
  DecodedPiece,
  DecodeIssue,
  DecodeStream,
  StreamInfo,
} from "../../decoding/decode-contract.js";
import type { Mp4AudioTrack } from "./mp4-demuxer.js";
import { assembleSpan } from "./pcm-assembly.js";
import type { EncodedSample, SampleDecoder } from "./sample-decoder.js";
import { PREROLL_SAMPLES, planSeek } from "./seek-plan.js";

/** Read sizes of the stream. */
export interface Mp4StreamReads {
  chunkBytes: number;
  firstChunkBytes: number;
}

/** Pulls PCM from an MP4 audio track; see the module comment. */
export class Mp4DecodeStream implements DecodeStream {
  readonly info: StreamInfo;
  /** Next sample whose output is wanted (samples before it are preroll at most). */
  private nextSample: number;
  /** Frame (after delay trimming) the next piece starts at. */
  private position = 0;
  /** The samples just before `nextSample`, kept so a continuing run needs no re-read. */
  private preroll: EncodedSample[] = [];
  /** The next read is the first after opening or seeking: keep it small for a fast first sound. */
  private firstRead = true;
  private ended = false;
  private closed = false;
  /** The last run failed: start the next one cold, without re-reading the damaged samples. */
  private afterDamage = false;

  constructor(
    private readonly reader: ByteReader,
    private readonly track: Mp4AudioTrack,
    private readonly decoder: SampleDecoder,
    private readonly reads: Mp4StreamReads,
  ) {
    this.info = {
      format: "mp4",
      codec: track.codecName,
      sampleRate: track.sampleRate,
      channels: track.channels,
      totalFrames: track.trim.totalFrames,
    };
    this.nextSample = track.table.indexAtFrame(track.trim.startFrame);
  }

  async next(signal?: AbortSignal): Promise<DecodedPiece | null> {
    // Each pass decodes at least one sample, so the loop ends with the table.
    for (let pass = 0; pass <= this.track.table.count; pass++) {
      signal?.throwIfAborted();
      if (this.closed || this.ended || this.position >= this.track.trim.totalFrames) return null;
      if (this.nextSample >= this.track.table.count) return null;
      const piece = await this.decodeNextRun(signal);
      if (piece.issues.length > 0 || (piece.channels[0]?.length ?? 0) > 0) return piece;
    }
    return null;
  }

  async seek(frame: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const plan = planSeek(this.track.table, this.track.trim, frame);
    this.nextSample = plan.sampleIndex;
    this.position = plan.targetFrame;
    this.preroll = [];
    this.firstRead = true;
    this.ended = false;
    this.afterDamage = false;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.preroll = [];
    this.decoder.close();
  }

  private async decodeNextRun(signal: AbortSignal | undefined): Promise<DecodedPiece> {
    const { table, trim } = this.track;
    const prerollStart = this.afterDamage
      ? this.nextSample
      : Math.max(0, this.nextSample - PREROLL_SAMPLES);
    const budget = this.firstRead ? this.reads.firstChunkBytes : this.reads.chunkBytes;
    let haveCachedPreroll = this.preroll.length === this.nextSample - prerollStart;
    if (!haveCachedPreroll && table.runFrom(prerollStart, budget).end <= this.nextSample) {
      // The preroll does not fit in one read with the wanted sample: fetch it alone.
      this.preroll = await this.readSamples(prerollStart, this.nextSample, signal);
      haveCachedPreroll = this.preroll.length === this.nextSample - prerollStart;
    }
    const readFrom = haveCachedPreroll ? this.nextSample : prerollStart;
    if (this.afterDamage && this.nextSample > 0) {
      // A cold decoder gets its first sample wrong: leave that sample out of the output too.
      const afterFirst = (table.frames[this.nextSample + 1] ?? table.endFrame) - trim.startFrame;
      this.position = Math.min(Math.max(this.position, afterFirst), trim.totalFrames);
    }
    this.afterDamage = false;
    const run = table.runFrom(readFrom, budget);
    // Samples past the end of the music are padding: no need to read them.
    const endTimeline = trim.startFrame + trim.totalFrames;
    const lastNeeded = table.indexAtFrame(endTimeline - 1);
    const runEnd = Math.max(Math.min(run.end, lastNeeded + 1), this.nextSample + 1);
    const byteEnd = (table.offsets[runEnd - 1] ?? 0) + (table.sizes[runEnd - 1] ?? 0);
    const bytes = await this.reader.read(run.byteStart, byteEnd, signal);
    this.firstRead = false;
    const fresh = this.samplesIn(bytes, run.byteStart, readFrom, runEnd);
    const decodedEnd = readFrom + fresh.length;
    const truncated = decodedEnd < runEnd;
    const issues: DecodeIssue[] = [];
    const from = this.position;
    let to = from;
    if (decodedEnd > this.nextSample) {
      const samples = haveCachedPreroll ? [...this.preroll, ...fresh] : fresh;
      to = Math.min(
        trim.totalFrames,
        (table.frames[decodedEnd] ?? table.endFrame) - trim.startFrame,
      );
      try {
        const runs = await this.decoder.decodeRun(samples);
        this.advance(samples, decodedEnd, to);
        const channels = assembleSpan(
          runs,
          trim.startFrame + from,
          trim.startFrame + to,
          this.info.channels,
        );
        if (truncated) this.end(issues, to);
        return { channels, startFrame: from, issues };
      } catch (error) {
        if (!isPlayerError(error) || error.code !== "playback/decode-failed") throw error;
        // A damaged run: report it and go on after it, with a cold decoder.
        this.advance([], decodedEnd, to);
        this.afterDamage = true;
        issues.push({ kind: "corrupt-data", message: error.message, frame: from });
      }
    }
    if (truncated) this.end(issues, to);
    return { channels: this.silentChannels(), startFrame: from, issues };
  }

  /** The whole samples `first..end` found in `bytes` (read from file offset `byteStart`). */
  private samplesIn(
    bytes: Uint8Array,
    byteStart: number,
    first: number,
    end: number,
  ): EncodedSample[] {
    const { table } = this.track;
    const samples: EncodedSample[] = [];
    for (let index = first; index < end; index++) {
      const start = (table.offsets[index] ?? 0) - byteStart;
      const stop = start + (table.sizes[index] ?? 0);
      if (start < 0 || stop > bytes.length) break;
      samples.push({
        data: bytes.subarray(start, stop),
        frame: table.frames[index] ?? 0,
        durationFrames: table.durationOf(index),
      });
    }
    return samples;
  }

  /** Reads samples `first..end` one by one (the preroll is at most two), stopping at the file's end. */
  private async readSamples(
    first: number,
    end: number,
    signal?: AbortSignal,
  ): Promise<EncodedSample[]> {
    const { table } = this.track;
    const samples: EncodedSample[] = [];
    for (let index = first; index < end; index++) {
      const offset = table.offsets[index] ?? 0;
      const bytes = await this.reader.read(offset, offset + (table.sizes[index] ?? 0), signal);
      const [sample] = this.samplesIn(bytes, offset, index, index + 1);
      if (sample === undefined) break;
      samples.push(sample);
    }
    return samples;
  }

  private advance(decoded: readonly EncodedSample[], nextSample: number, position: number): void {
    this.nextSample = nextSample;
    this.position = position;
    // Copy so the cached preroll does not pin the whole chunk in memory.
    this.preroll = decoded
      .slice(-PREROLL_SAMPLES)
      .map((sample) => ({ ...sample, data: sample.data.slice() }));
  }

  private end(issues: DecodeIssue[], frame: number): void {
    this.ended = true;
    issues.push({
      kind: "truncated",
      message: `The file ends inside its audio data, at frame ${frame} of ${this.track.trim.totalFrames}`,
      frame,
    });
  }

  private silentChannels(): Float32Array[] {
    return Array.from({ length: this.info.channels }, () => new Float32Array(0));
  }
}
