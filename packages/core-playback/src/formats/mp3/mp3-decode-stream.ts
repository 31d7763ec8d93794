/**
 * An MP3 as a {@link DecodeStream}: frames found by our own parser are fed
 * whole to mpg123, and the output is placed by frame number, so trimming
 * and seeking are sample-exact whatever the decoder buffers.
 */
import { PlayerError } from "@player/core-runtime";
import type {
  DecodedPiece,
  DecodeIssue,
  DecodeStream,
  StreamInfo,
} from "../../decoding/decode-contract.js";
import { Mp3FrameIndex } from "./mp3-frame-index.js";
import { Mp3FrameScanner } from "./mp3-frame-scanner.js";
import type { Mp3Layout } from "./mp3-layout.js";
import { Mp3SeekLocator, type SeekStart } from "./mp3-seek-locator.js";
import type { Mpg123FrameDecoder } from "./mpg123-frame-decoder.js";
import { RecentFrameLengths } from "./recent-frame-lengths.js";
import type { SequentialByteWindow } from "./sequential-byte-window.js";

/** The parts {@link Mp3DecodeStream} runs on, built by `openMp3Stream`. */
export interface Mp3StreamParts {
  info: StreamInfo;
  layout: Mp3Layout;
  window: SequentialByteWindow;
  decoder: Mpg123FrameDecoder;
  chunkBytes: number;
  forwardScanLimitBytes: number;
}

/**
 * Bytes of frames decoded and thrown away before a seek target. The bit
 * reservoir reaches 511 bytes back and the filter banks carry one frame of
 * state; measured with this decoder, output matched a whole-file decode
 * (within 1e-6) after at most 2.3 KiB of low-bitrate frames.
 */
const PREROLL_BYTES = 3072;
const PREROLL_MIN_FRAMES = 4;
const PREROLL_MAX_FRAMES = 16;

export class Mp3DecodeStream implements DecodeStream {
  readonly info: StreamInfo;
  private readonly layout: Mp3Layout;
  private readonly decoder: Mpg123FrameDecoder;
  private readonly chunkBytes: number;
  private readonly index: Mp3FrameIndex;
  private readonly locator: Mp3SeekLocator;
  private readonly scanner: Mp3FrameScanner;
  private readonly window: SequentialByteWindow;
  private readonly prerollFrames: number;
  /** Audio frame number of the next frame the scanner yields. */
  private nextFrame = 0;
  /** False once frame numbers are estimates (table jump, damaged bytes). */
  private exact = true;
  /** Track frame before which decoded samples are dropped (a seek target). */
  private dropBefore = 0;
  private ended = false;
  private closed = false;
  /** Estimates how many frames damaged bytes held (VBR frame lengths vary along a file). */
  private readonly recentFrameLengths: RecentFrameLengths;

  constructor(parts: Mp3StreamParts) {
    this.info = parts.info;
    this.layout = parts.layout;
    this.decoder = parts.decoder;
    this.chunkBytes = parts.chunkBytes;
    this.window = parts.window;
    this.index = new Mp3FrameIndex(parts.layout.firstAudioOffset);
    this.locator = new Mp3SeekLocator(
      parts.layout,
      this.index,
      parts.window,
      parts.forwardScanLimitBytes,
    );
    this.scanner = new Mp3FrameScanner(
      parts.window,
      parts.layout.reference,
      parts.layout.firstAudioOffset,
    );
    const byBytes = Math.ceil(PREROLL_BYTES / parts.layout.averageFrameBytes);
    this.recentFrameLengths = new RecentFrameLengths(parts.layout.averageFrameBytes);
    this.prerollFrames = Math.min(Math.max(byBytes, PREROLL_MIN_FRAMES), PREROLL_MAX_FRAMES);
  }

  async next(signal?: AbortSignal): Promise<DecodedPiece | null> {
    this.assertOpen();
    while (!this.ended) {
      const piece = await this.decodeBatch(signal);
      if ((piece.channels[0]?.length ?? 0) > 0 || piece.issues.length > 0) return piece;
    }
    return null;
  }

  async seek(frame: number, signal?: AbortSignal): Promise<void> {
    this.assertOpen();
    const total = this.info.totalFrames ?? Number.POSITIVE_INFINITY;
    const target = Math.min(Math.max(Math.floor(frame), 0), total);
    const { samplesPerFrame, startTrim } = this.layout;
    const targetAudioFrame = Math.floor((target + startTrim) / samplesPerFrame);
    let start: SeekStart;
    try {
      start = await this.locator.locate(Math.max(0, targetAudioFrame - this.prerollFrames), signal);
    } catch (error) {
      // A failed read (or abort) left the window elsewhere: put it back where playback was.
      this.window.jump(this.scanner.cursor);
      throw error;
    }
    this.scanner.cursor = start.offset;
    this.nextFrame = start.frame;
    this.exact = start.exact;
    this.dropBefore = target;
    this.ended = target >= total;
    // A fresh decoder: the bit reservoir and filters must not mix two places in the file.
    await this.decoder.reset();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.decoder.free();
  }

  /** Reads and decodes up to a chunk of frames; the piece may be empty (pre-roll, trimmed delay). */
  private async decodeBatch(signal?: AbortSignal): Promise<DecodedPiece> {
    const { samplesPerFrame, startTrim, audioFrameCount } = this.layout;
    const firstFrame = this.nextFrame;
    const frames: Uint8Array[] = [];
    const issues: DecodeIssue[] = [];
    let bytes = 0;
    let silentFrames = 0;
    let finished = false;
    while (bytes < this.chunkBytes) {
      if (audioFrameCount !== undefined && this.nextFrame >= audioFrameCount) {
        finished = true;
        break;
      }
      const step = await this.scanner.step(frames.length === 0, signal);
      if (step.kind === "need-read") break;
      if (step.kind === "frame") {
        if (this.exact) this.index.record(this.nextFrame, step.offset, step.bytes.length);
        this.locator.noteBitrate(step.header.bitrateKbps);
        this.recentFrameLengths.add(step.bytes.length);
        frames.push(step.bytes);
        bytes += step.bytes.length;
        this.nextFrame++;
        continue;
      }
      if (step.kind === "skipped") {
        // Damaged bytes: keep the timeline by standing in silence for the frames they held.
        silentFrames = Math.round((step.to - step.from) / this.recentFrameLengths.typical());
        issues.push({
          kind: "corrupt-data",
          message: `Skipped ${step.to - step.from} damaged bytes at offset ${step.from}.`,
          frame: Math.max(0, this.nextFrame * samplesPerFrame - startTrim),
        });
        this.nextFrame += silentFrames;
        this.exact = false;
        break;
      }
      if (step.kind === "truncated") {
        issues.push({
          kind: "truncated",
          message: `The file ends inside the frame at offset ${step.offset}.`,
          frame: Math.max(0, this.nextFrame * samplesPerFrame - startTrim),
        });
      }
      finished = true;
      break;
    }
    const raw = this.decodeFrames(frames, silentFrames, firstFrame, issues);
    return this.trim(raw, firstFrame * samplesPerFrame - startTrim, finished, issues);
  }

  /** Decodes the frames and appends silence; exactly `samplesPerFrame` per frame. */
  private decodeFrames(
    frames: Uint8Array[],
    silentFrames: number,
    firstFrame: number,
    issues: DecodeIssue[],
  ): Float32Array[] {
    const { samplesPerFrame, startTrim } = this.layout;
    const expected = frames.length * samplesPerFrame;
    const length = expected + silentFrames * samplesPerFrame;
    const channels = Array.from({ length: this.info.channels }, () => new Float32Array(length));
    if (frames.length === 0) return channels;
    const input = new Uint8Array(frames.reduce((sum, frame) => sum + frame.length, 0));
    let offset = 0;
    for (const frame of frames) {
      input.set(frame, offset);
      offset += frame.length;
    }
    const decoded = this.decoder.decode(input);
    if (decoded.errorCount > 0 || decoded.samples !== expected) {
      issues.push({
        kind: "corrupt-data",
        message: `The decoder reported ${decoded.errorCount} damaged frame(s).`,
        frame: Math.max(0, firstFrame * samplesPerFrame - startTrim),
      });
    }
    channels.forEach((channel, i) => {
      const source = decoded.channels[i] ?? decoded.channels[0];
      if (source !== undefined) channel.set(source.subarray(0, Math.min(expected, source.length)));
    });
    return channels;
  }

  /** Cuts away the encoder delay, samples before a seek target and the end padding. */
  private trim(
    raw: Float32Array[],
    trackStart: number,
    finished: boolean,
    issues: DecodeIssue[],
  ): DecodedPiece {
    const length = raw[0]?.length ?? 0;
    const total = this.info.totalFrames;
    const from = Math.min(Math.max(this.dropBefore - trackStart, 0), length);
    const to = Math.max(from, Math.min(length, total === undefined ? length : total - trackStart));
    const reachedEnd = total !== undefined && trackStart + length >= total;
    if (finished || reachedEnd) {
      this.ended = true;
      const short = total !== undefined && trackStart + length < total;
      if (short && this.exact && !issues.some((issue) => issue.kind === "truncated")) {
        issues.push({
          kind: "truncated",
          message: `The file ends ${total - trackStart - length} samples before its header says.`,
          frame: Math.max(0, trackStart + length),
        });
      }
    }
    const channels = raw.map((channel) =>
      from === 0 && to === length ? channel : channel.slice(from, to),
    );
    return { channels, startFrame: trackStart + from, issues };
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new PlayerError("runtime/disposed", "This MP3 stream was closed.");
    }
  }
}
