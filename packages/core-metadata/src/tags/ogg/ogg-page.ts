/** Ogg page headers (RFC 3533): parsing, and the CRC that tells a real page from chance bytes. */
import type { StorageByteSource } from "../byte-source.js";

/** Fixed part of a page header, before the segment table. */
export const OGG_HEADER_BYTES = 27;
/** Header with the longest segment table. */
export const OGG_MAX_HEADER_BYTES = OGG_HEADER_BYTES + 255;
/** Header type flag: the page continues a packet from the previous page. */
export const OGG_CONTINUED = 0x01;

/** A page header found in the file. */
export interface OggPageHeader {
  /** File offset of the page's first byte ("OggS"). */
  offset: number;
  headerType: number;
  /** -1 on a page where no packet ends. */
  granulePosition: bigint;
  serialNumber: number;
  sequenceNumber: number;
  checksum: number;
  /** Segment table: packet lengths split into runs of 255. */
  lacing: Uint8Array;
  /** Header plus segment table. */
  headerLength: number;
  bodyLength: number;
}

/**
 * Parses the page header at `offset` of `bytes`.
 *
 * @returns undefined when there is no "OggS" capture pattern, the version is
 * not 0, or the header is cut short.
 */
export function parseOggPageHeader(
  bytes: Uint8Array,
  offset: number,
  fileOffset: number,
): OggPageHeader | undefined {
  if (offset + OGG_HEADER_BYTES > bytes.length) return undefined;
  if (
    bytes[offset] !== 0x4f ||
    bytes[offset + 1] !== 0x67 ||
    bytes[offset + 2] !== 0x67 ||
    bytes[offset + 3] !== 0x53 ||
    bytes[offset + 4] !== 0
  ) {
    return undefined;
  }
  const segmentCount = bytes[offset + 26] ?? 0;
  const headerLength = OGG_HEADER_BYTES + segmentCount;
  if (offset + headerLength > bytes.length) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, OGG_HEADER_BYTES);
  const lacing = bytes.subarray(offset + OGG_HEADER_BYTES, offset + headerLength);
  let bodyLength = 0;
  for (const value of lacing) bodyLength += value;
  return {
    offset: fileOffset,
    headerType: bytes[offset + 5] ?? 0,
    granulePosition: view.getBigInt64(6, true),
    serialNumber: view.getUint32(14, true),
    sequenceNumber: view.getUint32(18, true),
    checksum: view.getUint32(22, true),
    lacing,
    headerLength,
    bodyLength,
  };
}

/** Reads and parses the page header at a file offset; undefined when there is none. */
export async function readOggPageHeader(
  source: StorageByteSource,
  offset: number,
  readAhead = 0,
): Promise<OggPageHeader | undefined> {
  const bytes = await source.read(offset, OGG_MAX_HEADER_BYTES, readAhead);
  return parseOggPageHeader(bytes, 0, offset);
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let index = 0; index < 256; index++) {
    let crc = index << 24;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    }
    table[index] = crc >>> 0;
  }
  return table;
})();

/** The Ogg CRC-32 of a whole page, its checksum field counted as zero. */
export function oggPageChecksum(page: Uint8Array): number {
  let crc = 0;
  for (let index = 0; index < page.length; index++) {
    const byte = index >= 22 && index < 26 ? 0 : (page[index] ?? 0);
    crc = ((crc << 8) ^ (CRC_TABLE[((crc >>> 24) ^ byte) & 0xff] ?? 0)) >>> 0;
  }
  return crc;
}
