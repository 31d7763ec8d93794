/**
 * Walks an MP3 frame by frame from a synchronised position: follows the
 * chain of frame lengths, stops at trailing tags, and resynchronises past
 * damaged bytes.
 */
import { findFrameSync } from "./frame-sync.js";
import { isTrailingTagAt, TRAILING_TAG_MARKER_LENGTH } from "./mp3-tags.js";
import {
  isCompatibleHeader,
  type MpegFrameHeader,
  parseMpegFrameHeader,
} from "./mpeg-frame-header.js";
import type { SequentialByteWindow } from "./sequential-byte-window.js";

/** One step of the walk. */
export type ScanStep =
  /** A whole frame; `bytes` is a copy the caller may keep. */
  | { kind: "frame"; offset: number; header: MpegFrameHeader; bytes: Uint8Array }
  /** Bytes that were not frames were skipped; the walk goes on at `to`. */
  | { kind: "skipped"; from: number; to: number }
  /** The audio ended cleanly (end of file or a trailing tag). */
  | { kind: "end" }
  /** The file ends inside the frame starting at `offset`. */
  | { kind: "truncated"; offset: number }
  /** The next frame is not buffered and reading was not allowed. */
  | { kind: "need-read" };

export class Mp3FrameScanner {
  /**
   * @param window - The bytes, read on demand.
   * @param reference - The stream's first header: later frames must match it.
   * @param cursor - File offset of the next frame.
   */
  constructor(
    private readonly window: SequentialByteWindow,
    private readonly reference: MpegFrameHeader,
    public cursor: number,
  ) {}

  /**
   * The next frame (or what stands in its place).
   *
   * @param allowRead - May read from the file when the frame is not buffered
   * yet; otherwise answers `need-read`. Resynchronising always may read.
   */
  async step(allowRead: boolean, signal?: AbortSignal): Promise<ScanStep> {
    const window = this.window;
    const cursor = this.cursor;
    window.release(cursor);
    if (!(await this.buffer(cursor + TRAILING_TAG_MARKER_LENGTH, allowRead, signal))) {
      return { kind: "need-read" };
    }
    if (cursor >= window.end) return { kind: "end" };
    const index = cursor - window.start;
    if (isTrailingTagAt(window.bytes, index, cursor, window.fileSize)) return { kind: "end" };
    const header = parseMpegFrameHeader(window.bytes, index);
    if (header !== undefined && isCompatibleHeader(this.reference, header)) {
      const frameEnd = cursor + header.frameLength;
      if (!(await this.buffer(frameEnd, allowRead, signal))) return { kind: "need-read" };
      if (window.end < frameEnd) return { kind: "truncated", offset: cursor };
      this.cursor = frameEnd;
      // The read may have dropped bytes before the cursor: index afresh.
      const start = cursor - window.start;
      const bytes = window.bytes.slice(start, start + header.frameLength);
      return { kind: "frame", offset: cursor, header, bytes };
    }
    if (window.atEndOfFile && cursor + 4 > window.end) return { kind: "truncated", offset: cursor };
    const sync = await findFrameSync(window, cursor + 1, {
      reference: this.reference,
      chain: 1,
      stopAtTags: true,
      signal,
    });
    this.cursor = sync?.offset ?? Math.max(window.end, cursor + 1);
    return { kind: "skipped", from: cursor, to: this.cursor };
  }

  /** Reads until `until` is buffered or the file ends; false when that needs a read not allowed. */
  private async buffer(until: number, allowRead: boolean, signal?: AbortSignal): Promise<boolean> {
    while (this.window.end < until && !this.window.atEndOfFile) {
      if (!allowRead) return false;
      await this.window.readMore(signal);
    }
    return true;
  }
}
