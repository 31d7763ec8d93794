/**
 * The two CRC-32 variants the writers need. They share a polynomial but not
 * a bit order, so one table cannot serve both.
 */

const ZLIB_TABLE = buildTable((c) => (c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1), false);
const OGG_TABLE = buildTable((c) => (c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1), true);

/**
 * CRC-32 as PNG and zlib define it (reflected 0xEDB88320, initial and final
 * XOR 0xFFFFFFFF).
 *
 * @example `crc32(new TextEncoder().encode("123456789"))` is `0xcbf43926`.
 */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (ZLIB_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * CRC-32 as an Ogg page header carries it: polynomial 0x04C11DB7 fed most
 * significant bit first, initial value 0, no final XOR.
 */
export function oggCrc32(data: Uint8Array): number {
  let crc = 0;
  for (const byte of data) crc = (OGG_TABLE[((crc >>> 24) ^ byte) & 0xff] ?? 0) ^ (crc << 8);
  return crc >>> 0;
}

function buildTable(step: (c: number) => number, msbFirst: boolean): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = msbFirst ? n << 24 : n;
    for (let k = 0; k < 8; k++) c = step(c);
    table[n] = c >>> 0;
  }
  return table;
}
