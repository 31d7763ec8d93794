import { type ByteCursor, CURSOR_READ_AHEAD } from "../byte-cursor.js";
import { concatBytes, type StorageByteSource } from "../byte-source.js";
import {
  OGG_CONTINUED,
  OGG_HEADER_BYTES,
  OGG_MAX_HEADER_BYTES,
  type OggPageHeader,
  readOggPageHeader,
} from "./ogg-page.js";

/** Where a packet starts: a page, and the index of its first segment on that page. */
export interface PacketStart {
  pageOffset: number;
  segmentIndex: number;
}

/**
 * Packet bytes in the file: the run on one visited page, or (`pages` set) a
 * stretch of whole pages jumped over, whose headers were never read.
 */
interface PacketSpan {
  logicalStart: number;
  length: number;
  /** Visited page: file offset of the run. Jumped stretch: offset of its first page. */
  fileStart: number;
  /** Jumped stretch only: offset of the page after it. */
  fileEnd?: number;
}

/** The last page visited, when every segment on it was 255 bytes (the packet goes on). */
interface FullPage {
  segmentCount: number;
  sequenceNumber: number;
}

/** Pages of uneven sizes defeat the guess: stop guessing after this many misses. */
const MAX_FAILED_JUMPS = 3;
/** The most one request of a packet read fetches. */
const MAX_REQUEST_BYTES = 1024 * 1024;

/** Bytes to fetch when `remaining` packet bytes are about to be read: the page headers between come along. */
function readAheadFor(remaining: number): number {
  return Math.min(MAX_REQUEST_BYTES, Math.max(CURSOR_READ_AHEAD, remaining + OGG_MAX_HEADER_BYTES));
}

/**
 * Reads one packet of one logical Ogg stream as a {@link ByteCursor},
 * fetching page headers only as the position crosses them.
 *
 * Skipping a long run of full pages (a big cover) jumps to where the run
 * would end if the pages kept the size of the last one and checks the page
 * found there (capture pattern, serial, sequence number, continuation):
 * the packet bytes in between are then known by count, and their page
 * headers are read only if those bytes are ever read.
 */
export class OggPacketCursor implements ByteCursor {
  readonly #source: StorageByteSource;
  readonly #serialNumber: number;
  readonly #maxPages: number;
  #spans: PacketSpan[] = [];
  #known = 0;
  #ended = false;
  #next: PacketStart;
  #firstPage = true;
  #fullPage: FullPage | undefined;
  #pagesRead = 0;
  #failedJumps = 0;
  #position = 0;
  #following: PacketStart | undefined;

  /** @param maxPages - Page headers read at most; past them the packet counts as cut short. */
  constructor(
    source: StorageByteSource,
    start: PacketStart,
    options: { serialNumber: number; maxPages: number },
  ) {
    this.#source = source;
    this.#next = start;
    this.#serialNumber = options.serialNumber;
    this.#maxPages = options.maxPages;
  }

  get position(): number {
    return this.#position;
  }

  /** Where the next packet starts, once this one's end was seen (walks there if needed). */
  async following(): Promise<PacketStart | undefined> {
    await this.#discover(Number.POSITIVE_INFINITY, 0);
    return this.#following;
  }

  async read(length: number): Promise<Uint8Array> {
    const target = this.#position + Math.max(0, length);
    await this.#discover(target, target - this.#known);
    const parts: Uint8Array[] = [];
    while (this.#position < Math.min(target, this.#known)) {
      const index = this.#spans.findIndex(
        (span) => span.logicalStart + span.length > this.#position,
      );
      const span = this.#spans[index];
      if (span === undefined) break;
      if (span.fileEnd !== undefined) {
        await this.#resolve(index, target);
        continue;
      }
      const offset = this.#position - span.logicalStart;
      const wanted = Math.min(span.length - offset, target - this.#position);
      // Read ahead over the following pages too: their headers and bodies come in one request.
      const readAhead = readAheadFor(target - this.#position);
      const bytes = await this.#source.read(span.fileStart + offset, wanted, readAhead);
      parts.push(bytes);
      this.#position += bytes.length;
      if (bytes.length < wanted) break; // the file ends early
    }
    return parts.length === 1 ? (parts[0] as Uint8Array) : concatBytes(parts);
  }

  async skip(length: number): Promise<number> {
    const target = this.#position + Math.max(0, length);
    await this.#discover(target, 0);
    const moved = Math.min(target, this.#known) - this.#position;
    this.#position += moved;
    return moved;
  }

  async seek(position: number): Promise<void> {
    await this.#discover(position, 0);
    this.#position = Math.max(0, Math.min(position, this.#known));
  }

  /**
   * Visits pages until `target` bytes of the packet are known or it ends.
   *
   * @param reading - Bytes about to be read: fetched with the headers instead of jumped over.
   */
  async #discover(target: number, reading: number): Promise<void> {
    while (!this.#ended && this.#known < target) {
      if (reading <= 0 && (await this.#jump(target))) continue;
      const page = await this.#readHeader(
        this.#next.pageOffset,
        reading > 0 ? readAheadFor(target - this.#known) : 0,
      );
      this.#visit(page);
    }
  }

  /** Jumps whole pages the size of the last full one; halves the guess until a page checks out. */
  async #jump(target: number): Promise<boolean> {
    const full = this.#fullPage;
    if (full === undefined || !Number.isFinite(target) || this.#failedJumps >= MAX_FAILED_JUMPS) {
      return false;
    }
    const body = full.segmentCount * 255;
    const stride = OGG_HEADER_BYTES + full.segmentCount + body;
    const firstPage = this.#next.pageOffset;
    let pages = Math.floor((target - this.#known) / body);
    for (; pages >= 2 && this.#pagesRead < this.#maxPages; pages = Math.floor(pages / 2)) {
      const landing = firstPage + pages * stride;
      const header = await this.#readHeader(landing, 0);
      if (
        header !== undefined &&
        header.serialNumber === this.#serialNumber &&
        header.sequenceNumber === (full.sequenceNumber + pages + 1) >>> 0 &&
        (header.headerType & OGG_CONTINUED) !== 0
      ) {
        this.#spans.push({
          logicalStart: this.#known,
          length: pages * body,
          fileStart: firstPage,
          fileEnd: landing,
        });
        this.#known += pages * body;
        this.#next = { pageOffset: landing, segmentIndex: 0 };
        this.#fullPage = { ...full, sequenceNumber: (full.sequenceNumber + pages) >>> 0 };
        return true;
      }
    }
    if (Math.floor((target - this.#known) / body) >= 2) this.#failedJumps++;
    return false;
  }

  async #readHeader(offset: number, readAhead: number): Promise<OggPageHeader | undefined> {
    if (this.#pagesRead >= this.#maxPages) return undefined;
    this.#pagesRead++;
    return readOggPageHeader(this.#source, offset, Math.max(readAhead, 0));
  }

  /** Adds the packet's run on a page to the spans; ends the packet where the page says. */
  #visit(page: OggPageHeader | undefined): void {
    const { pageOffset, segmentIndex } = this.#next;
    if (page === undefined) {
      this.#ended = true; // cut short, or past the page budget
      return;
    }
    const pageEnd = pageOffset + page.headerLength + page.bodyLength;
    if (page.serialNumber !== this.#serialNumber) {
      // Another logical stream interleaved with ours: not part of the packet.
      this.#next = { pageOffset: pageEnd, segmentIndex: 0 };
      return;
    }
    const continued = (page.headerType & OGG_CONTINUED) !== 0;
    if (segmentIndex === 0 && continued === this.#firstPage) {
      // A packet that should start here is continued, or one that should go on is not.
      this.#ended = true;
      return;
    }
    this.#firstPage = false;
    let fileStart = pageOffset + page.headerLength;
    for (let index = 0; index < segmentIndex; index++) fileStart += page.lacing[index] ?? 0;
    let length = 0;
    let index = segmentIndex;
    while (index < page.lacing.length) {
      const value = page.lacing[index++] ?? 0;
      length += value;
      if (value < 255) {
        this.#ended = true;
        break;
      }
    }
    this.#spans.push({ logicalStart: this.#known, length, fileStart });
    this.#known += length;
    this.#fullPage =
      !this.#ended && segmentIndex === 0 && page.lacing.length > 0
        ? { segmentCount: page.lacing.length, sequenceNumber: page.sequenceNumber }
        : undefined;
    this.#next = { pageOffset: pageEnd, segmentIndex: 0 };
    if (this.#ended) {
      this.#following =
        index < page.lacing.length ? { pageOffset, segmentIndex: index } : this.#next;
    }
  }

  /**
   * Reads the page headers of a jumped stretch up to `target`, in requests
   * that bring the page bodies along. A stretch that turns out not to be
   * whole pages of the packet ends the packet where it stops making sense.
   */
  async #resolve(index: number, target: number): Promise<void> {
    const stretch = this.#spans[index] as Required<PacketSpan>;
    const resolved: PacketSpan[] = [];
    let offset = stretch.fileStart;
    let logical = stretch.logicalStart;
    while (offset < stretch.fileEnd && logical < target) {
      const page = await readOggPageHeader(
        this.#source,
        offset,
        Math.min(MAX_REQUEST_BYTES, stretch.fileEnd - offset),
      );
      const whole =
        page !== undefined &&
        page.serialNumber === this.#serialNumber &&
        (page.headerType & OGG_CONTINUED) !== 0 &&
        page.lacing.every((value) => value === 255);
      if (!whole) {
        this.#cut(index, resolved, logical);
        return;
      }
      resolved.push({
        logicalStart: logical,
        length: page.bodyLength,
        fileStart: offset + page.headerLength,
      });
      logical += page.bodyLength;
      offset += page.headerLength + page.bodyLength;
    }
    const end = stretch.logicalStart + stretch.length;
    if (
      offset > stretch.fileEnd ||
      logical > end ||
      (offset === stretch.fileEnd && logical !== end)
    ) {
      this.#cut(index, resolved, Math.min(logical, end));
      return;
    }
    const rest: PacketSpan[] =
      offset < stretch.fileEnd
        ? [
            {
              logicalStart: logical,
              length: end - logical,
              fileStart: offset,
              fileEnd: stretch.fileEnd,
            },
          ]
        : [];
    this.#spans.splice(index, 1, ...resolved, ...rest);
  }

  /** The packet cannot be followed past `logical`: it ends there. */
  #cut(index: number, resolved: PacketSpan[], logical: number): void {
    this.#spans = [...this.#spans.slice(0, index), ...resolved];
    this.#known = logical;
    this.#ended = true;
    this.#following = undefined;
    this.#position = Math.min(this.#position, logical);
  }
}
