/**
 * Microsoft's QuickXorHash, the content hash OneDrive reports in
 * `file.hashes.quickXorHash`: every input byte is XORed into a 160-bit
 * register at a position that advances 11 bits per byte (wrapping around),
 * then the 64-bit little-endian length is XORed into the last 8 bytes.
 */

const WIDTH_BITS = 160;
const SHIFT_BITS = 11;

/**
 * The QuickXorHash of `bytes`, base64 encoded as OneDrive reports it.
 *
 * @param bytes - The whole file.
 * @example
 * ```ts
 * quickXorHash(new Uint8Array([0x4a])); // "SgAAAAAAAAAAAAAAAQAAAAAAAAA="
 * ```
 */
export function quickXorHash(bytes: Uint8Array): string {
  // Byte i lands at bit (11 * i) mod 160, a cycle of 160 bytes, so bytes at the
  // same position within the cycle can be XORed together first.
  const folded = new Uint8Array(WIDTH_BITS);
  for (let i = 0; i < bytes.length; i++) {
    folded[i % WIDTH_BITS] = (folded[i % WIDTH_BITS] ?? 0) ^ (bytes[i] ?? 0);
  }
  const register = new Uint8Array(WIDTH_BITS / 8);
  for (let i = 0; i < WIDTH_BITS; i++) {
    const value = folded[i] ?? 0;
    if (value === 0) continue;
    const start = (i * SHIFT_BITS) % WIDTH_BITS;
    for (let bit = 0; bit < 8; bit++) {
      if ((value & (1 << bit)) === 0) continue;
      const position = (start + bit) % WIDTH_BITS;
      const index = position >> 3;
      register[index] = (register[index] ?? 0) ^ (1 << (position & 7));
    }
  }
  let length = BigInt(bytes.length);
  for (let i = 0; i < 8; i++) {
    const index = register.length - 8 + i;
    register[index] = (register[index] ?? 0) ^ Number(length & 0xffn);
    length >>= 8n;
  }
  return Buffer.from(register).toString("base64");
}
