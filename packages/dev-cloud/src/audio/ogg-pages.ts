/**
 * Ogg page reading and writing (RFC 3533): enough to split the header
 * packets out of a stream and lay new ones back down with correct lacing,
 * sequence numbers and checksums.
 */
import { concatBytes, readLatin1 } from "./byte-writer.js";
import { oggCrc32 } from "./crc32.js";

const HEADER_SIZE = 27;
const MAX_SEGMENTS = 255;
/** Header-type flag: the page starts with the continuation of a packet. */
export const OGG_CONTINUED = 0x01;
/** Granule position of a page on which no packet ends. */
export const OGG_NO_GRANULE = -1n;

/** One page as found in a stream. */
export interface OggPage {
  /** Byte offset of the page in the stream. */
  offset: number;
  /** Header plus body, in bytes. */
  length: number;
  headerType: number;
  granulePosition: bigint;
  serialNumber: number;
  sequenceNumber: number;
  checksum: number;
  /** Segment table: packet lengths split into runs of 255. */
  lacing: Uint8Array;
  body: Uint8Array;
}

/**
 * Splits an Ogg stream into pages.
 *
 * @throws Error when a page is missing its capture pattern or is cut short.
 */
export function readOggPages(stream: Uint8Array): OggPage[] {
  const pages: OggPage[] = [];
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  let offset = 0;
  while (offset < stream.length) {
    if (offset + HEADER_SIZE > stream.length || readLatin1(stream, offset, 4) !== "OggS") {
      throw new Error(`No Ogg page at byte ${offset}.`);
    }
    const segmentCount = stream[offset + 26] ?? 0;
    const lacing = stream.subarray(offset + HEADER_SIZE, offset + HEADER_SIZE + segmentCount);
    let bodyLength = 0;
    for (const value of lacing) bodyLength += value;
    const bodyStart = offset + HEADER_SIZE + segmentCount;
    if (bodyStart + bodyLength > stream.length)
      throw new Error(`Ogg page at ${offset} is cut short.`);
    pages.push({
      offset,
      length: bodyStart + bodyLength - offset,
      headerType: stream[offset + 5] ?? 0,
      granulePosition: view.getBigInt64(offset + 6, true),
      serialNumber: view.getUint32(offset + 14, true),
      sequenceNumber: view.getUint32(offset + 18, true),
      checksum: view.getUint32(offset + 22, true),
      lacing,
      body: stream.subarray(bodyStart, bodyStart + bodyLength),
    });
    offset = bodyStart + bodyLength;
  }
  return pages;
}

/**
 * Reads the first `count` packets of a stream.
 *
 * @returns The packets and the index of the first page after the one the
 * last of them ends on.
 * @throws Error when a packet does not end on a page boundary, since codecs
 * require audio to start on a fresh page and re-paging would split it.
 */
export function readLeadingPackets(
  pages: readonly OggPage[],
  count: number,
): { packets: Uint8Array[]; nextPage: number } {
  const packets: Uint8Array[] = [];
  let pending: Uint8Array[] = [];
  for (const [pageIndex, page] of pages.entries()) {
    let bodyOffset = 0;
    for (const [segmentIndex, value] of page.lacing.entries()) {
      pending.push(page.body.subarray(bodyOffset, bodyOffset + value));
      bodyOffset += value;
      if (value === MAX_SEGMENTS) continue;
      packets.push(concatBytes(pending));
      pending = [];
      if (packets.length === count) {
        if (segmentIndex !== page.lacing.length - 1) {
          throw new Error("The Ogg header packets do not end on a page boundary.");
        }
        return { packets, nextPage: pageIndex + 1 };
      }
    }
  }
  throw new Error(`The Ogg stream has fewer than ${count} packets.`);
}

/** What {@link writeOggPages} needs besides the packets. */
export interface OggPagingOptions {
  serialNumber: number;
  firstSequenceNumber: number;
  /** Granule position of pages on which a packet ends (0 for header pages). */
  granulePosition: bigint;
  /** Header-type flags for the first page (e.g. beginning of stream). */
  firstHeaderType?: number;
}

/**
 * Lays packets out on fresh pages, the first packet starting the first page
 * and the last ending the last page.
 */
export function writeOggPages(
  packets: readonly Uint8Array[],
  options: OggPagingOptions,
): Uint8Array[] {
  const segments: { bytes: Uint8Array; endsPacket: boolean }[] = [];
  for (const packet of packets) {
    // A packet is runs of 255 then one shorter segment (possibly 0) that ends it.
    let offset = 0;
    for (; packet.length - offset >= MAX_SEGMENTS; offset += MAX_SEGMENTS) {
      segments.push({ bytes: packet.subarray(offset, offset + MAX_SEGMENTS), endsPacket: false });
    }
    segments.push({ bytes: packet.subarray(offset), endsPacket: true });
  }

  const pages: Uint8Array[] = [];
  let continued = false;
  for (let start = 0; start < segments.length; start += MAX_SEGMENTS) {
    const pageSegments = segments.slice(start, start + MAX_SEGMENTS);
    const endsPacket = pageSegments.some((segment) => segment.endsPacket);
    const headerType =
      (continued ? OGG_CONTINUED : 0) | (start === 0 ? (options.firstHeaderType ?? 0) : 0);
    pages.push(
      encodeOggPage({
        headerType,
        granulePosition: endsPacket ? options.granulePosition : OGG_NO_GRANULE,
        serialNumber: options.serialNumber,
        sequenceNumber: options.firstSequenceNumber + pages.length,
        lacing: Uint8Array.from(pageSegments, (segment) => segment.bytes.length),
        body: concatBytes(pageSegments.map((segment) => segment.bytes)),
      }),
    );
    continued = !(pageSegments.at(-1)?.endsPacket ?? true);
  }
  return pages;
}

/** The fields of a page to encode; the checksum is computed. */
export type OggPageFields = Pick<
  OggPage,
  "headerType" | "granulePosition" | "serialNumber" | "sequenceNumber" | "lacing" | "body"
>;

/** Encodes one page, computing its CRC. */
export function encodeOggPage(page: OggPageFields): Uint8Array {
  if (page.lacing.length > MAX_SEGMENTS)
    throw new RangeError("An Ogg page holds at most 255 segments.");
  const bytes = new Uint8Array(HEADER_SIZE + page.lacing.length + page.body.length);
  const view = new DataView(bytes.buffer);
  bytes.set([0x4f, 0x67, 0x67, 0x53], 0); // "OggS"
  bytes[4] = 0; // stream structure version
  bytes[5] = page.headerType;
  view.setBigInt64(6, page.granulePosition, true);
  view.setUint32(14, page.serialNumber, true);
  view.setUint32(18, page.sequenceNumber, true);
  bytes[26] = page.lacing.length;
  bytes.set(page.lacing, HEADER_SIZE);
  bytes.set(page.body, HEADER_SIZE + page.lacing.length);
  // The checksum covers the whole page with its own field still zero.
  view.setUint32(22, oggCrc32(bytes), true);
  return bytes;
}
