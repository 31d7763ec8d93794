/**
 * A sliding window over a file read front to back in chunks: the first read
 * is small (fast first sound), later ones are `chunkBytes`. Bytes the parser
 * is done with are dropped, so memory stays about one chunk whatever the
 * file's size.
 */
import type { ByteReader } from "../../decoding/decode-contract.js";

export class SequentialByteWindow {
  private buffer = new Uint8Array(0);
  private bufferStart = 0;
  private keepFrom = 0;
  private reachedEnd = false;
  private nextReadBytes: number;

  /**
   * @param reader - The file.
   * @param chunkBytes - Size of every read after the first.
   * @param firstReadBytes - Size of the first read from the start position.
   */
  constructor(
    private readonly reader: ByteReader,
    private readonly chunkBytes: number,
    firstReadBytes: number,
  ) {
    this.nextReadBytes = firstReadBytes;
  }

  /** The buffered bytes; file offset `o` is at index `o - start`. */
  get bytes(): Uint8Array {
    return this.buffer;
  }

  /** File offset of `bytes[0]`. */
  get start(): number {
    return this.bufferStart;
  }

  /** File offset just past the buffered bytes. */
  get end(): number {
    return this.bufferStart + this.buffer.length;
  }

  /** The file's size, when the reader knows it. */
  get fileSize(): number | undefined {
    return this.reader.size;
  }

  /** True once a read came back short: nothing exists past {@link end}. */
  get atEndOfFile(): boolean {
    return this.reachedEnd;
  }

  /** Lets the window drop bytes before `offset` at its next read. */
  release(offset: number): void {
    this.keepFrom = Math.max(this.keepFrom, offset);
  }

  /** Restarts the window at `offset` (a seek); the next read is `readBytes` long. */
  jump(offset: number, readBytes = this.chunkBytes): void {
    this.buffer = new Uint8Array(0);
    this.bufferStart = offset;
    this.keepFrom = offset;
    this.nextReadBytes = readBytes;
    const size = this.reader.size;
    this.reachedEnd = size !== undefined && offset >= size;
  }

  /** Reads one more chunk. Returns false (and reads nothing) at the end of the file. */
  async readMore(signal?: AbortSignal): Promise<boolean> {
    if (this.reachedEnd) return false;
    const from = this.end;
    const size = this.reader.size;
    const to =
      size === undefined ? from + this.nextReadBytes : Math.min(size, from + this.nextReadBytes);
    this.nextReadBytes = this.chunkBytes;
    const chunk = from < to ? await this.reader.read(from, to, signal) : new Uint8Array(0);
    if (chunk.length < to - from || (size !== undefined && to >= size)) this.reachedEnd = true;
    const keep = Math.min(Math.max(this.keepFrom - this.bufferStart, 0), this.buffer.length);
    const merged = new Uint8Array(this.buffer.length - keep + chunk.length);
    merged.set(this.buffer.subarray(keep));
    merged.set(chunk, this.buffer.length - keep);
    this.buffer = merged;
    this.bufferStart += keep;
    return chunk.length > 0;
  }

  /** Reads until `[offset, offset + length)` is buffered; false when the file ends first. */
  async ensure(offset: number, length: number, signal?: AbortSignal): Promise<boolean> {
    while (this.end < offset + length) {
      if (!(await this.readMore(signal))) return this.end >= offset + length;
    }
    return offset >= this.bufferStart;
  }
}
