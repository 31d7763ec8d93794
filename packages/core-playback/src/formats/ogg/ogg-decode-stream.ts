/**
 * A {@link DecodeStream} over one Ogg logical stream (Vorbis or Opus). Pages
 * are decoded one at a time and placed by their granule positions: packets
 * that end on a page end at its granule, so positions stay exact after a seek
 * or a skipped page. The first page may start before zero (Opus pre-skip,
 * Vorbis start trimming) and the last page's granule trims the end.
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
import type { OggCodec, OggPacketDecoder } from "./ogg-codec.js";
import { OggPacketAssembler } from "./ogg-packet-assembler.js";
import type { OggPageStream } from "./ogg-page-stream.js";
import { locateOggPage } from "./ogg-seek.js";

/** Where the stream's audio begins, learned while reading the headers. */
export interface OggStreamLayout {
  serial: number;
  /** File offset of the first page after the header packets. */
  dataStart: number;
  /** Granule of the file's last page, when the tail could be read. */
  lastGranule: number | undefined;
}

// A seek that lands late (a page whose only packet began on an unseen page) steps back and retries.
const MAX_SEEK_ATTEMPTS = 4;

/** Decodes one Ogg Vorbis or Ogg Opus stream in order; see {@link DecodeStream}. */
export class OggDecodeStream implements DecodeStream {
  readonly info: StreamInfo;
  private readonly assembler = new OggPacketAssembler();
  /** Track position after the last placed sample, when known. */
  private nextPosition: number | undefined;
  private dropBefore = 0;
  private ended = false;
  private closed = false;
  private sawEndOfStream = false;
  private readonly issues = new IssueLog();
  /** Start of the first output placed since the last seek (before dropping). */
  private firstPlaced: number | undefined;
  private pending: DecodedPiece | undefined;

  constructor(
    private readonly reader: ByteReader,
    private readonly pages: OggPageStream,
    private readonly codec: OggCodec,
    private readonly decoder: OggPacketDecoder,
    private readonly layout: OggStreamLayout,
  ) {
    const last = layout.lastGranule;
    this.info = {
      format: codec.format,
      codec: codec.codec,
      sampleRate: codec.sampleRate,
      channels: codec.channels,
      totalFrames: last === undefined ? undefined : Math.max(0, last - codec.granuleOffset),
    };
  }

  async next(signal?: AbortSignal): Promise<DecodedPiece | null> {
    this.assertOpen();
    const pending = this.pending;
    this.pending = undefined;
    return pending ?? (await this.pull(signal));
  }

  async seek(frame: number, signal?: AbortSignal): Promise<void> {
    this.assertOpen();
    const total = this.info.totalFrames;
    const target = Math.max(0, Math.min(Math.floor(frame), total ?? Number.POSITIVE_INFINITY));
    this.pending = undefined;
    this.issues.drain();
    this.dropBefore = target;
    if (total !== undefined && target >= total) {
      this.ended = true;
      this.nextPosition = total;
      return;
    }
    let search = target + this.codec.granuleOffset - this.codec.seekPreRoll;
    for (let attempt = 0; attempt < MAX_SEEK_ATTEMPTS; attempt++) {
      const size = this.reader.size;
      const range = { ...this.layout, end: size ?? 0 };
      // Without a size there is nothing to bisect: decode from the first audio page.
      const point =
        size === undefined || attempt === MAX_SEEK_ATTEMPTS - 1
          ? undefined
          : await locateOggPage(this.reader, range, search, signal);
      await this.restartAt(point?.page.offset ?? this.layout.dataStart);
      const previous = point?.previousGranule;
      this.nextPosition = previous === undefined ? undefined : previous - this.codec.granuleOffset;
      this.pending = (await this.pull(signal)) ?? undefined;
      const landedLate = this.firstPlaced !== undefined && this.firstPlaced > target;
      if (point === undefined || !landedLate) return;
      search = point.page.granule - 1;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.decoder.free();
  }

  private async restartAt(offset: number): Promise<void> {
    this.pages.moveTo(offset);
    this.assembler.reset();
    await this.decoder.reset();
    this.ended = false;
    this.sawEndOfStream = false;
    this.firstPlaced = undefined;
  }

  /** Decodes pages until one yields samples at or after `dropBefore`, or the stream ends. */
  private async pull(signal?: AbortSignal): Promise<DecodedPiece | null> {
    // Each pass consumes a page; the page stream ends with the file.
    while (!this.ended) {
      const read = await this.pages.next(signal);
      if (read.kind === "end") {
        this.ended = true;
        if (read.cutOff || !this.sawEndOfStream) {
          this.report("truncated", "The Ogg stream ends without its last page.", this.nextPosition);
        }
        break;
      }
      const { page } = read;
      if (read.afterDamage) {
        this.report("corrupt-data", "Skipped damaged Ogg data (CRC mismatch).", this.nextPosition);
      }
      const packets = this.assembler.push(page);
      if (page.endsStream) {
        this.sawEndOfStream = true;
        this.ended = true;
      }
      if (packets.length === 0) continue;
      const decoded = await this.decoder.decode(packets);
      if (decoded.failed) {
        this.report("corrupt-data", "Some Ogg packets could not be decoded.", this.nextPosition);
      }
      const piece = this.place(decoded.channels, page.granule, page.endsStream);
      if (piece !== undefined) return piece;
    }
    return this.takeIssues();
  }

  /** Positions the PCM of one page and cuts what lies before zero, the seek target or the end. */
  private place(
    channels: Float32Array[],
    granule: number | undefined,
    endsStream: boolean,
  ): DecodedPiece | undefined {
    const length = channels[0]?.length ?? 0;
    const pageEnd = granule === undefined ? undefined : granule - this.codec.granuleOffset;
    let start: number;
    if (endsStream && this.nextPosition !== undefined) start = this.nextPosition;
    else if (pageEnd !== undefined) start = pageEnd - length;
    else if (this.nextPosition !== undefined) start = this.nextPosition;
    else return undefined;
    let end = start + length;
    if (endsStream && pageEnd !== undefined) end = Math.max(start, Math.min(end, pageEnd));
    this.nextPosition = end;
    if (length > 0) this.firstPlaced ??= start;
    const from = Math.max(start, this.dropBefore, 0);
    if (end <= from) return undefined;
    return {
      channels: channels.map((channel) => channel.subarray(from - start, end - start)),
      startFrame: from,
      issues: this.issues.drain(),
    };
  }

  private report(kind: DecodeIssue["kind"], message: string, frame: number | undefined): void {
    if (this.issues.last?.kind === kind) return; // one issue per damaged stretch
    this.issues.add(kind, message, frame);
  }

  private takeIssues(): DecodedPiece | null {
    return this.issues.piece(this.info.channels, this.nextPosition ?? 0);
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new PlayerError("playback/decode-failed", "The Ogg stream was closed.", {
        fatal: true,
      });
    }
  }
}
