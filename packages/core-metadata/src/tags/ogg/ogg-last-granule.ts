import type { StorageByteSource } from "../byte-source.js";
import { OGG_MAX_HEADER_BYTES, oggPageChecksum, parseOggPageHeader } from "./ogg-page.js";

/**
 * Tail windows searched for the last page, smallest first: the last page
 * is usually short; a page is never longer than 65,307 bytes.
 */
const TAIL_WINDOWS = [4 * 1024, 65_025 + OGG_MAX_HEADER_BYTES + 4 * 1024];

/**
 * The granule position of the last complete page of a stream: one range
 * read of the file's tail (a second, longer one when the last page is
 * longer than the first window), scanned backwards for "OggS". A page
 * counts only when it lies wholly in the file and its CRC matches.
 *
 * @returns undefined when the size is unknown or no such page is found.
 */
export async function readLastGranule(
  source: StorageByteSource,
  serialNumber: number,
): Promise<bigint | undefined> {
  const size = source.size;
  if (size === undefined) return undefined;
  for (const window of TAIL_WINDOWS) {
    const start = Math.max(0, size - window);
    const tail = await source.read(start, size - start);
    const granule = lastGranuleIn(tail, serialNumber);
    if (granule !== undefined || start === 0) return granule;
  }
  return undefined;
}

function lastGranuleIn(tail: Uint8Array, serialNumber: number): bigint | undefined {
  for (let index = tail.length - 27; index >= 0; index--) {
    if (tail[index] !== 0x4f) continue; // "O" of "OggS": a cheap first filter
    const page = parseOggPageHeader(tail, index, index);
    if (page === undefined || page.serialNumber !== serialNumber || page.granulePosition < 0n) {
      continue;
    }
    const end = index + page.headerLength + page.bodyLength;
    if (end > tail.length) continue;
    if (oggPageChecksum(tail.subarray(index, end)) !== page.checksum) continue;
    return page.granulePosition;
  }
  return undefined;
}
