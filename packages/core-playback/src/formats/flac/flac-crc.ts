/**
 * The two checksums of a FLAC frame: CRC-8 over the frame header and CRC-16
 * over the whole frame (both polynomial, MSB first, initial value 0).
 */

const CRC8_TABLE = buildTable(0x07, 8);
const CRC16_TABLE = buildTable(0x8005, 16);

function buildTable(polynomial: number, width: 8 | 16): Uint16Array {
  const table = new Uint16Array(256);
  const topBit = 1 << (width - 1);
  const mask = (1 << width) - 1;
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << (width - 8);
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & topBit ? ((crc << 1) ^ polynomial) & mask : (crc << 1) & mask;
    }
    table[byte] = crc;
  }
  return table;
}

/** CRC-8 (polynomial 0x07) of `bytes[start..end)`, as in a FLAC frame header. */
export function flacCrc8(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = CRC8_TABLE[crc ^ (bytes[i] ?? 0)] ?? 0;
  return crc;
}

/**
 * Continues a CRC-16 (polynomial 0x8005) over `bytes[start..end)`. Over a
 * whole frame including its two CRC bytes the result is 0, which is how a
 * frame's end is found without decoding it.
 */
export function flacCrc16(crc: number, bytes: Uint8Array, start: number, end: number): number {
  let value = crc;
  for (let i = start; i < end; i++) {
    value = ((value << 8) & 0xffff) ^ (CRC16_TABLE[(value >> 8) ^ (bytes[i] ?? 0)] ?? 0);
  }
  return value;
}
