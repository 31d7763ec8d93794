/**
 * Test-only: Vorbis comment lists, FLAC picture blocks and small FLAC files
 * with chosen comments and pictures. The audio is filler (no reader here
 * decodes it); the metadata blocks are real.
 */

/** Appends bytes and little/big-endian integers. */
export class Writer {
  readonly #parts: Uint8Array[] = [];
  u8(value: number): this {
    this.#parts.push(Uint8Array.of(value & 0xff));
    return this;
  }
  u16le(value: number): this {
    return this.u8(value).u8(value >>> 8);
  }
  u32le(value: number): this {
    return this.u16le(value & 0xffff).u16le(value >>> 16);
  }
  u32be(value: number): this {
    return this.u8(value >>> 24)
      .u8(value >>> 16)
      .u8(value >>> 8)
      .u8(value);
  }
  bytes(bytes: Uint8Array | readonly number[]): this {
    this.#parts.push(Uint8Array.from(bytes));
    return this;
  }
  text(text: string): this {
    return this.bytes(new TextEncoder().encode(text));
  }
  done(): Uint8Array {
    return concat(this.#parts);
  }
}

/** A Vorbis comment list: vendor, count, `length + NAME=value` fields. */
export function vorbisCommentList(fields: readonly string[], vendor = "test"): Uint8Array {
  const writer = new Writer();
  const vendorBytes = new TextEncoder().encode(vendor);
  writer.u32le(vendorBytes.length).bytes(vendorBytes).u32le(fields.length);
  for (const field of fields) {
    const bytes = new TextEncoder().encode(field);
    writer.u32le(bytes.length).bytes(bytes);
  }
  return writer.done();
}

/** A picture to embed. */
export interface TestPicture {
  /** FLAC/ID3v2 picture type code; 3 is the front cover. */
  type: number;
  mimeType: string;
  description?: string;
  data: Uint8Array;
}

/** The body of a FLAC PICTURE block (what Ogg carries base64-encoded). */
export function flacPictureBlock(picture: TestPicture): Uint8Array {
  const mime = new TextEncoder().encode(picture.mimeType);
  const description = new TextEncoder().encode(picture.description ?? "");
  return new Writer()
    .u32be(picture.type)
    .u32be(mime.length)
    .bytes(mime)
    .u32be(description.length)
    .bytes(description)
    .u32be(16)
    .u32be(16)
    .u32be(24)
    .u32be(0)
    .u32be(picture.data.length)
    .bytes(picture.data)
    .done();
}

/** A METADATA_BLOCK_PICTURE comment. */
export function pictureComment(picture: TestPicture): string {
  return `METADATA_BLOCK_PICTURE=${Buffer.from(flacPictureBlock(picture)).toString("base64")}`;
}

/** Deterministic filler bytes; the first is even so no Vorbis reader takes it for a header. */
export function fillerBytes(length: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let index = 0; index < length; index++) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    bytes[index] = state >>> 24;
  }
  if (length > 0) bytes[0] = 0;
  return bytes;
}

/** What {@link buildFlacFile} makes. */
export interface FlacFileOptions {
  fields: readonly string[];
  pictures?: readonly TestPicture[];
  sampleRate?: number;
  channels?: number;
  bitsPerSample?: number;
  totalSamples: number;
  frameBytes?: number;
}

/** Builds a FLAC file: STREAMINFO, VORBIS_COMMENT, PICTURE blocks, filler frames. */
export function buildFlacFile(options: FlacFileOptions): Uint8Array {
  const rate = options.sampleRate ?? 44_100;
  const channels = options.channels ?? 2;
  const bits = options.bitsPerSample ?? 16;
  const total = options.totalSamples;
  const streamInfo = new Writer()
    .u32be((4096 << 16) | 4096)
    .bytes([0, 0, 0, 0, 0, 0])
    .u8(rate >>> 12)
    .u8(rate >>> 4)
    .u8(((rate & 0x0f) << 4) | ((channels - 1) << 1) | ((bits - 1) >>> 4))
    .u8((((bits - 1) & 0x0f) << 4) | Math.floor(total / 2 ** 32))
    .u32be(total >>> 0)
    .bytes(new Uint8Array(16))
    .done();
  const blocks: { type: number; body: Uint8Array }[] = [
    { type: 0, body: streamInfo },
    { type: 4, body: vorbisCommentList(options.fields) },
    ...(options.pictures ?? []).map((picture) => ({ type: 6, body: flacPictureBlock(picture) })),
  ];
  const writer = new Writer().text("fLaC");
  blocks.forEach((block, index) => {
    const last = index === blocks.length - 1 ? 0x80 : 0;
    const length = block.body.length;
    writer
      .u8(last | block.type)
      .u8(length >>> 16)
      .u8(length >>> 8)
      .u8(length)
      .bytes(block.body);
  });
  return concat([writer.done(), fillerBytes(options.frameBytes ?? 2000, 3)]);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}
