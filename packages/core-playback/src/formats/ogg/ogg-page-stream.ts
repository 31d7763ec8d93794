/**
 * Reads the pages of one Ogg logical stream in order, in sequential chunks.
 * Pages that fail their CRC are skipped (the capture pattern is searched
 * again after them); pages of other logical streams are passed over.
 */
import type { ByteReader } from "../../decoding/decode-contract.js";
import { findCapturePattern, type OggPage, parseOggPage } from "./ogg-page.js";

/** One step of an {@link OggPageStream}. */
export type OggPageRead =
  /** `offset` is the page's file offset; `afterDamage` when bytes before it were skipped. */
  | { kind: "page"; page: OggPage; offset: number; afterDamage: boolean }
  /** The file ended; `cutOff` when it ended inside a page. */
  | { kind: "end"; cutOff: boolean };

/** Chunk sizes for sequential reading. */
export interface OggChunkSizes {
  firstChunkBytes: number;
  chunkBytes: number;
}

/** Sequential page reader over a {@link ByteReader}. */
export class OggPageStream {
  private buffer = new Uint8Array(0);
  private bufferStart = 0;
  private atEnd = false;
  private nextReadBytes: number;
  private cutOff = false;
  /** Only pages of this logical stream are returned, once it is known. */
  serial: number | undefined;

  constructor(
    private readonly reader: ByteReader,
    private readonly sizes: OggChunkSizes,
  ) {
    this.nextReadBytes = sizes.firstChunkBytes;
  }

  /** File offset of the next byte not yet returned as part of a page. */
  get position(): number {
    return this.bufferStart;
  }

  /** Continues from file offset `offset` (a page start), starting with a first-chunk read. */
  moveTo(offset: number): void {
    this.buffer = new Uint8Array(0);
    this.bufferStart = offset;
    this.atEnd = false;
    this.cutOff = false;
    this.nextReadBytes = this.sizes.firstChunkBytes;
  }

  /** The next page of the stream, or the end of the file. */
  async next(signal?: AbortSignal): Promise<OggPageRead> {
    let afterDamage = false;
    // Each pass consumes bytes or reads more; reads stop at the end of the file.
    for (;;) {
      const found = findCapturePattern(this.buffer, 0);
      if (found < 0) {
        if (this.atEnd) {
          if (this.buffer.length > 0 && !this.cutOff) afterDamage = true;
          this.consume(this.buffer.length);
          return { kind: "end", cutOff: this.cutOff || afterDamage };
        }
        // Keep three bytes: they may be the start of a capture pattern.
        const drop = Math.max(0, this.buffer.length - 3);
        if (drop > 0 && !this.cutOff) afterDamage = true;
        this.consume(drop);
        await this.readMore(0, signal);
        continue;
      }
      if (found > 0 && !this.cutOff) afterDamage = true;
      this.consume(found);
      const parsed = parseOggPage(this.buffer, 0);
      if (parsed.kind === "need-more") {
        if (!this.atEnd) {
          await this.readMore(parsed.needed, signal);
          continue;
        }
        // The file ends inside this page: whatever follows is not a whole page either.
        this.cutOff = true;
        this.consume(1);
      } else if (parsed.kind === "invalid") {
        if (!this.cutOff) afterDamage = true;
        this.consume(1);
      } else {
        const offset = this.bufferStart;
        this.consume(parsed.page.length);
        if (this.serial !== undefined && parsed.page.serial !== this.serial) continue;
        return { kind: "page", page: parsed.page, offset, afterDamage };
      }
    }
  }

  private async readMore(needed: number, signal?: AbortSignal): Promise<void> {
    const start = this.bufferStart + this.buffer.length;
    const want = Math.max(this.nextReadBytes, needed - this.buffer.length);
    this.nextReadBytes = this.sizes.chunkBytes;
    const bytes = await this.reader.read(start, start + want, signal);
    const size = this.reader.size;
    this.atEnd = bytes.length < want || (size !== undefined && start + bytes.length >= size);
    const joined = new Uint8Array(this.buffer.length + bytes.length);
    joined.set(this.buffer, 0);
    joined.set(bytes, this.buffer.length);
    this.buffer = joined;
  }

  private consume(count: number): void {
    this.buffer = this.buffer.subarray(count);
    this.bufferStart += count;
  }
}
