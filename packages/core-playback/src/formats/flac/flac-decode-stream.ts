/**
 * A {@link DecodeStream} over a FLAC file: reads sequential chunks, cuts them
 * into CRC-verified frames, decodes each and places it by the sample number
 * in its header, so every position is exact even after skipped damage.
 */
import { PlayerError } from "@player/core-runtime";
import type {
  ByteReader,
  DecodedPiece,
  DecodeIssue,
  DecodeStream,
  StreamInfo,
} from "../../decoding/decode-contract.js";
import { IssueLog } from "../../decoding/issue-log.js";
import type { FlacFrameDecoder } from "./flac-frame-decoder.js";
import { scanFlacFrame } from "./flac-frame-scanner.js";
import type { FlacHeaders } from "./flac-metadata.js";
import { concatBytes, locateFlacFrame } from "./flac-seek.js";

/** Read sizes of a {@link FlacDecodeStream}. */
export interface FlacChunkSizes {
  firstChunkBytes: number;
  chunkBytes: number;
}

/** Decodes one FLAC file in order; see {@link DecodeStream}. */
export class FlacDecodeStream implements DecodeStream {
  readonly info: StreamInfo;
  private buffer: Uint8Array;
  /** File offset of `buffer[0]`. */
  private bufferStart: number;
  private atEnd = false;
  private nextReadBytes: number;
  private dropBefore = 0;
  /** The sample after the last one handed out, to notice a file that stops early. */
  private expectedSample = 0;
  private ended = false;
  private closed = false;
  private inDamage = false;
  private reportedTruncation = false;
  /** The next frame may not follow the last one decoded (after a seek or damage). */
  private discontinuous = false;
  private readonly issues = new IssueLog();

  /**
   * @param initialBytes - Bytes already read from `headers.audioOffset` on.
   */
  constructor(
    private readonly reader: ByteReader,
    private readonly headers: FlacHeaders,
    private readonly decoder: FlacFrameDecoder,
    private readonly sizes: FlacChunkSizes,
    initialBytes: Uint8Array,
  ) {
    const { streamInfo } = headers;
    this.info = {
      format: "flac",
      codec: "flac",
      sampleRate: streamInfo.sampleRate,
      channels: streamInfo.channels,
      totalFrames: streamInfo.totalSamples,
      bitsPerSample: streamInfo.bitsPerSample,
    };
    this.buffer = initialBytes;
    this.bufferStart = headers.audioOffset;
    this.nextReadBytes = sizes.chunkBytes;
    this.atEnd = reader.size !== undefined && this.bufferStart + initialBytes.length >= reader.size;
  }

  async next(signal?: AbortSignal): Promise<DecodedPiece | null> {
    this.assertOpen();
    // Each pass consumes bytes, reads more, or returns; reads stop at the end of the file.
    while (!this.ended) {
      const scan = scanFlacFrame(this.buffer, 0, this.atEnd, this.headers.streamInfo);
      if (scan.kind === "frame") {
        if (scan.start > 0) this.reportDamage(scan.header.firstSample);
        const frame = this.buffer.subarray(scan.start, scan.end);
        this.consume(scan.end);
        const piece = await this.decodeFrame(frame, scan.header.firstSample);
        if (piece !== undefined) return piece;
      } else if (scan.kind === "corrupt") {
        this.reportDamage(scan.header.firstSample);
        this.consume(scan.start + 1);
      } else if (scan.kind === "cut-off") {
        this.report("truncated", "The FLAC file ends inside a frame.", scan.header.firstSample);
        this.reportedTruncation = true;
        this.ended = true;
      } else if (scan.kind === "need-more" && !this.atEnd) {
        this.consume(scan.keepFrom);
        await this.readMore(signal);
      } else {
        this.ended = true;
      }
    }
    const total = this.info.totalFrames;
    if (total !== undefined && this.expectedSample < total && !this.reportedTruncation) {
      this.report("truncated", `The FLAC file ends at sample ${this.expectedSample} of ${total}.`);
    }
    this.reportedTruncation = true;
    return this.takeIssues();
  }

  async seek(frame: number, signal?: AbortSignal): Promise<void> {
    this.assertOpen();
    const total = this.info.totalFrames;
    const target = Math.max(0, Math.min(Math.floor(frame), total ?? Number.POSITIVE_INFINITY));
    this.issues.drain();
    this.inDamage = false;
    this.reportedTruncation = false;
    this.discontinuous = true;
    this.dropBefore = target;
    this.expectedSample = target;
    if (total !== undefined && target >= total) {
      this.ended = true;
      return;
    }
    const located = await locateFlacFrame(this.reader, this.headers, target, signal);
    this.ended = located === undefined;
    if (located === undefined) return;
    this.buffer = located.bytes;
    this.bufferStart = located.offset;
    this.nextReadBytes = this.sizes.firstChunkBytes;
    const size = this.reader.size;
    this.atEnd = size !== undefined && located.offset + located.bytes.length >= size;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.buffer = new Uint8Array(0);
    this.decoder.free();
  }

  private async decodeFrame(
    frame: Uint8Array,
    firstSample: number,
  ): Promise<DecodedPiece | undefined> {
    if (this.discontinuous) {
      await this.decoder.reset();
      this.discontinuous = false;
    }
    const output = await this.decoder.decode(frame);
    const length = output.channels[0]?.length ?? 0;
    if (output.failed || output.channels.length !== this.info.channels) {
      this.reportDamage(firstSample);
      return undefined;
    }
    this.inDamage = false;
    this.expectedSample = Math.max(this.expectedSample, firstSample + length);
    const skip = Math.max(0, Math.min(length, this.dropBefore - firstSample));
    // Wholly before a seek target: its issues wait for the next piece.
    if (skip === length) return undefined;
    return {
      channels: output.channels.map((channel) => (skip > 0 ? channel.subarray(skip) : channel)),
      startFrame: firstSample + skip,
      issues: this.issues.drain(),
    };
  }

  private async readMore(signal?: AbortSignal): Promise<void> {
    const start = this.bufferStart + this.buffer.length;
    const want = this.nextReadBytes;
    this.nextReadBytes = this.sizes.chunkBytes;
    const bytes = await this.reader.read(start, start + want, signal);
    const size = this.reader.size;
    this.atEnd = bytes.length < want || (size !== undefined && start + bytes.length >= size);
    this.buffer = this.buffer.length === 0 ? bytes : concatBytes(this.buffer, bytes);
  }

  private consume(count: number): void {
    this.buffer = this.buffer.subarray(count);
    this.bufferStart += count;
  }

  /** One issue per damaged stretch, however many frames it spans. */
  private reportDamage(frame: number): void {
    this.discontinuous = true;
    if (this.inDamage) return;
    this.inDamage = true;
    this.report("corrupt-data", "Skipped damaged FLAC data (CRC mismatch).", frame);
  }

  private report(kind: DecodeIssue["kind"], message: string, frame?: number): void {
    this.issues.add(kind, message, frame);
  }

  /** A piece carrying only the pending issues, or `null` when there are none. */
  private takeIssues(): DecodedPiece | null {
    return this.issues.piece(this.info.channels, this.expectedSample);
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new PlayerError("playback/decode-failed", "The FLAC stream was closed.", {
        fatal: true,
      });
    }
  }
}
