/**
 * A growable byte buffer for the binary tag writers: fields are appended in
 * order and joined once at the end, so no writer has to precompute sizes.
 */

const textEncoder = new TextEncoder();

/** Appends integers, text and byte runs; {@link ByteWriter.toBytes} joins them. */
export class ByteWriter {
  private readonly parts: Uint8Array[] = [];
  private length = 0;

  /** Bytes appended so far. */
  get byteLength(): number {
    return this.length;
  }

  /** Appends raw bytes (not copied until {@link ByteWriter.toBytes}). */
  bytes(data: Uint8Array): this {
    this.parts.push(data);
    this.length += data.length;
    return this;
  }

  /** Appends one byte. */
  u8(value: number): this {
    return this.bytes(Uint8Array.of(checkUint(value, 8)));
  }

  /** Appends a 16-bit big-endian integer. */
  u16be(value: number): this {
    const v = checkUint(value, 16);
    return this.bytes(Uint8Array.of(v >>> 8, v & 0xff));
  }

  /** Appends a 16-bit little-endian integer. */
  u16le(value: number): this {
    const v = checkUint(value, 16);
    return this.bytes(Uint8Array.of(v & 0xff, v >>> 8));
  }

  /** Appends a 24-bit big-endian integer (FLAC block lengths, MP4 flags). */
  u24be(value: number): this {
    const v = checkUint(value, 24);
    return this.bytes(Uint8Array.of(v >>> 16, (v >>> 8) & 0xff, v & 0xff));
  }

  /** Appends a 32-bit big-endian integer. */
  u32be(value: number): this {
    const v = checkUint(value, 32);
    return this.bytes(Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff));
  }

  /** Appends a 32-bit little-endian integer. */
  u32le(value: number): this {
    const v = checkUint(value, 32);
    return this.bytes(Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24));
  }

  /** Appends one byte per character; for four-character codes and MIME types. */
  latin1(text: string): this {
    return this.bytes(latin1Bytes(text));
  }

  /** Appends `text` as UTF-8 without a terminator. */
  utf8(text: string): this {
    return this.bytes(textEncoder.encode(text));
  }

  /** Everything appended, as one new array. */
  toBytes(): Uint8Array {
    return concatBytes(this.parts);
  }
}

/** Joins byte arrays into one new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const part of parts) total += part.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Encodes `text` as UTF-8. */
export function utf8Bytes(text: string): Uint8Array {
  return textEncoder.encode(text);
}

/**
 * Encodes `text` one byte per character. Box types such as `©nam` are
 * Latin-1 on disk, which is why this is not plain ASCII.
 */
export function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) throw new RangeError(`Not a Latin-1 string: ${JSON.stringify(text)}.`);
    out[i] = code;
  }
  return out;
}

/** Reads an unsigned big-endian 32-bit integer. */
export function readU32be(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset, false);
}

/** Reads an unsigned little-endian 32-bit integer. */
export function readU32le(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset, true);
}

/** Reads `length` bytes at `offset` as Latin-1 (four-character codes, magic numbers). */
export function readLatin1(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function checkUint(value: number, bits: number): number {
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** bits) {
    throw new RangeError(`${String(value)} does not fit in an unsigned ${bits}-bit field.`);
  }
  return value;
}
