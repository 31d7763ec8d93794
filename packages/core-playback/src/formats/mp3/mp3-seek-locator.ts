/**
 * Finds where to start reading for a seek to an audio frame, choosing the
 * most exact way the file allows: the frame index, arithmetic on a constant
 * bitrate, a forward scan of the headers, or a jump through the Xing/VBRI
 * table (an estimate).
 */
import { findFrameSync } from "./frame-sync.js";
import type { Mp3FrameIndex } from "./mp3-frame-index.js";
import { Mp3FrameScanner } from "./mp3-frame-scanner.js";
import type { Mp3Layout } from "./mp3-layout.js";
import { averageFrameLength } from "./mpeg-frame-header.js";
import type { SequentialByteWindow } from "./sequential-byte-window.js";

/** Where decoding restarts; the window is positioned to read from `offset`. */
export interface SeekStart {
  offset: number;
  /** Audio frame number of the frame at `offset`. */
  frame: number;
  /** False when `frame` is an estimate (table jump, or damaged bytes on the way). */
  exact: boolean;
}

/** Bytes before a guessed constant-bitrate position where the header search begins. */
const CBR_SEARCH_MARGIN = 8;

export class Mp3SeekLocator {
  /** Set once frames of different bitrates were seen in a file with no information frame. */
  private bitrateVaries = false;

  /**
   * @param forwardScanLimitBytes - Below this gap from the index's end,
   * reading every header forward (exact) beats a table jump (estimate).
   */
  constructor(
    private readonly layout: Mp3Layout,
    private readonly index: Mp3FrameIndex,
    private readonly window: SequentialByteWindow,
    private readonly forwardScanLimitBytes: number,
  ) {}

  /** Tells the locator a frame's bitrate, to learn whether an untagged file is constant-bitrate. */
  noteBitrate(kbps: number): void {
    if (kbps !== this.layout.reference.bitrateKbps) this.bitrateVaries = true;
  }

  /** Where to start decoding so that audio frame `frame` is the first one read. */
  async locate(frame: number, signal?: AbortSignal): Promise<SeekStart> {
    const indexed = this.index.offsetOf(frame);
    if (indexed !== undefined) return this.positioned({ offset: indexed, frame, exact: true });
    const constant = this.layout.constantBitrate ?? !this.bitrateVaries;
    if (constant) {
      const start = await this.locateByBitrate(frame, signal);
      if (start !== undefined) return start;
    }
    const guess = this.tableGuess(frame);
    if (guess === undefined || guess.offset - this.index.endOffset < this.forwardScanLimitBytes) {
      return this.scanForward(frame, signal);
    }
    return (await this.resyncAt(guess.offset, signal)) ?? this.scanForward(frame, signal);
  }

  /** Constant bitrate: frame `n` starts about `n` average frame lengths in; the header search pins it. */
  private async locateByBitrate(
    frame: number,
    signal?: AbortSignal,
  ): Promise<SeekStart | undefined> {
    const { reference, infoFrameOffset, firstAudioOffset } = this.layout;
    const origin = infoFrameOffset ?? firstAudioOffset;
    const shift = infoFrameOffset === undefined ? 0 : 1;
    const average = averageFrameLength(reference);
    const from = Math.max(
      origin,
      Math.floor(origin + (frame + shift) * average) - CBR_SEARCH_MARGIN,
    );
    this.window.jump(from);
    const sync = await findFrameSync(this.window, from, {
      reference,
      chain: 2,
      limit: 4 * reference.frameLength + CBR_SEARCH_MARGIN,
      stopAtTags: true,
      signal,
    });
    if (sync === undefined) return undefined;
    if (sync.kind === "frame" && sync.header.bitrateKbps !== reference.bitrateKbps)
      return undefined;
    const found = Math.round((sync.offset - origin) / average) - shift;
    return { offset: sync.offset, frame: Math.max(found, 0), exact: true };
  }

  /** Reads headers from the end of the index up to `frame`, extending the index. */
  private async scanForward(frame: number, signal?: AbortSignal): Promise<SeekStart> {
    let position = this.index.length;
    const start = this.positioned({ offset: this.index.endOffset, frame: position, exact: true });
    const scanner = new Mp3FrameScanner(this.window, this.layout.reference, start.offset);
    let exact = true;
    while (position < frame) {
      const offset = scanner.cursor;
      const step = await scanner.step(true, signal);
      if (step.kind === "frame") {
        if (exact) this.index.record(position, step.offset, step.bytes.length);
        this.noteBitrate(step.header.bitrateKbps);
        position++;
      } else if (step.kind === "skipped") {
        exact = false;
        position += Math.round((step.to - step.from) / this.layout.averageFrameBytes);
      } else {
        return { offset, frame: position, exact };
      }
    }
    return { offset: scanner.cursor, frame: position, exact };
  }

  /** Lands on the first trusted frame at or after `offset`; its number is estimated from the table. */
  private async resyncAt(offset: number, signal?: AbortSignal): Promise<SeekStart | undefined> {
    this.window.jump(offset);
    const sync = await findFrameSync(this.window, offset, {
      reference: this.layout.reference,
      chain: 2,
      stopAtTags: true,
      signal,
    });
    if (sync === undefined) return undefined;
    return { offset: sync.offset, frame: this.tableFrameAt(sync.offset), exact: false };
  }

  /** The byte offset the Xing or VBRI table gives for `frame`, when the file has one. */
  private tableGuess(frame: number): { offset: number } | undefined {
    const { vbr, audioFrameCount, infoFrameOffset, firstAudioOffset } = this.layout;
    if (vbr?.toc !== undefined && vbr.byteCount !== undefined && audioFrameCount !== undefined) {
      const percent = Math.min(Math.max((frame / audioFrameCount) * 100, 0), 99.999);
      const low = Math.floor(percent);
      const a = vbr.toc[low] ?? 0;
      const b = low < 99 ? (vbr.toc[low + 1] ?? 256) : 256;
      const fraction = (a + (b - a) * (percent - low)) / 256;
      return { offset: Math.floor((infoFrameOffset ?? 0) + fraction * vbr.byteCount) };
    }
    if (vbr?.vbri !== undefined) {
      const { framesPerEntry, entryBytes } = vbr.vbri;
      const entries = Math.min(Math.floor(frame / framesPerEntry), entryBytes.length);
      let offset = firstAudioOffset;
      for (let i = 0; i < entries; i++) offset += entryBytes[i] ?? 0;
      return { offset };
    }
    return undefined;
  }

  /** The audio frame the table puts at `offset` (its inverse). */
  private tableFrameAt(offset: number): number {
    const { vbr, audioFrameCount, infoFrameOffset, firstAudioOffset } = this.layout;
    if (vbr?.toc !== undefined && vbr.byteCount !== undefined && audioFrameCount !== undefined) {
      const position = ((offset - (infoFrameOffset ?? 0)) / vbr.byteCount) * 256;
      let low = 0;
      while (low < 99 && (vbr.toc[low + 1] ?? 256) <= position) low++;
      const a = vbr.toc[low] ?? 0;
      const b = low < 99 ? (vbr.toc[low + 1] ?? 256) : 256;
      const percent = low + (b > a ? Math.min(Math.max((position - a) / (b - a), 0), 1) : 0);
      return Math.round((percent / 100) * audioFrameCount);
    }
    if (vbr?.vbri !== undefined) {
      const { framesPerEntry, entryBytes } = vbr.vbri;
      let position = firstAudioOffset;
      let entry = 0;
      while (entry < entryBytes.length && position + (entryBytes[entry] ?? 0) <= offset) {
        position += entryBytes[entry] ?? 0;
        entry++;
      }
      return entry * framesPerEntry;
    }
    return Math.round((offset - firstAudioOffset) / this.layout.averageFrameBytes);
  }

  /** Makes sure the window can read from the start's offset. */
  private positioned(start: SeekStart): SeekStart {
    const window = this.window;
    if (start.offset < window.start || start.offset > window.end) window.jump(start.offset);
    else window.release(start.offset);
    return start;
  }
}
