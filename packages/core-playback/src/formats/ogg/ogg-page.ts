/**
 * Ogg pages (RFC 3533): finding the `OggS` capture pattern, parsing the
 * header and segment table, and the CRC-32 check that rejects false syncs and
 * damaged pages.
 */

/** One verified Ogg page. */
export interface OggPage {
  /** Offset of the page from the start of the bytes it was parsed from. */
  start: number;
  /** Header plus body, in bytes. */
  length: number;
  /** The first packet on the page continues one from the previous page. */
  continued: boolean;
  beginsStream: boolean;
  endsStream: boolean;
  /** The granule position, or `undefined` when no packet ends on this page (-1). */
  granule: number | undefined;
  serial: number;
  sequence: number;
  /** Lacing values: a value below 255 ends a packet. */
  segments: Uint8Array;
  body: Uint8Array;
}

/** What {@link parseOggPage} found. */
export type OggPageParse =
  | { kind: "page"; page: OggPage }
  /** The bytes end inside the page; `needed` bytes from its start would hold it. */
  | { kind: "need-more"; needed: number }
  | { kind: "invalid" };

const HEADER_BYTES = 27;
/** The largest possible page: header, 255 lacing values, 255 × 255 body bytes. */
export const MAX_OGG_PAGE_BYTES = HEADER_BYTES + 255 + 255 * 255;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 24;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    table[byte] = crc >>> 0;
  }
  return table;
})();

/** The CRC-32 of a whole page, its checksum field counted as zeros. */
export function oggPageChecksum(page: Uint8Array): number {
  let crc = 0;
  for (let i = 0; i < page.length; i++) {
    const byte = i >= 22 && i < 26 ? 0 : (page[i] ?? 0);
    crc = ((crc << 8) ^ (CRC_TABLE[((crc >>> 24) ^ byte) & 0xff] ?? 0)) >>> 0;
  }
  return crc;
}

/** Index of the next `OggS` at or after `from`, or -1. */
export function findCapturePattern(bytes: Uint8Array, from: number): number {
  for (let i = Math.max(0, from); i + 4 <= bytes.length; i++) {
    if (
      bytes[i] === 0x4f &&
      bytes[i + 1] === 0x67 &&
      bytes[i + 2] === 0x67 &&
      bytes[i + 3] === 0x53
    ) {
      return i;
    }
  }
  return -1;
}

/** Parses and CRC-checks the page starting at `bytes[start]`. */
export function parseOggPage(bytes: Uint8Array, start: number): OggPageParse {
  if (bytes.length - start < HEADER_BYTES) return { kind: "need-more", needed: HEADER_BYTES };
  if (findCapturePattern(bytes.subarray(start, start + 4), 0) !== 0 || bytes[start + 4] !== 0) {
    return { kind: "invalid" };
  }
  const segmentCount = bytes[start + 26] ?? 0;
  const headerBytes = HEADER_BYTES + segmentCount;
  if (bytes.length - start < headerBytes) return { kind: "need-more", needed: headerBytes };
  const segments = bytes.subarray(start + HEADER_BYTES, start + headerBytes);
  let bodyBytes = 0;
  for (const lacing of segments) bodyBytes += lacing;
  const length = headerBytes + bodyBytes;
  if (bytes.length - start < length) return { kind: "need-more", needed: length };

  const view = new DataView(bytes.buffer, bytes.byteOffset + start, length);
  const storedCrc = view.getUint32(22, true);
  if (oggPageChecksum(bytes.subarray(start, start + length)) !== storedCrc)
    return { kind: "invalid" };

  const flags = view.getUint8(5);
  const granuleLow = view.getUint32(6, true);
  const granuleHigh = view.getInt32(10, true);
  const noGranule = granuleLow === 0xffffffff && granuleHigh === -1;
  return {
    kind: "page",
    page: {
      start,
      length,
      continued: (flags & 1) !== 0,
      beginsStream: (flags & 2) !== 0,
      endsStream: (flags & 4) !== 0,
      granule: noGranule ? undefined : granuleHigh * 2 ** 32 + granuleLow,
      serial: view.getUint32(14, true),
      sequence: view.getUint32(18, true),
      segments,
      body: bytes.subarray(start + headerBytes, start + length),
    },
  };
}
