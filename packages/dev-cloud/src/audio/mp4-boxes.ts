/** Reading and building ISO base media (MP4) boxes. */
import { ByteWriter, concatBytes, latin1Bytes, readLatin1, readU32be } from "./byte-writer.js";

/** Where a box sits in its file. */
export interface Mp4Box {
  /** Four-character code, Latin-1 (so `©nam` keeps its `©`). */
  type: string;
  /** Offset of the box's first byte. */
  start: number;
  /** Offset of the box's payload (after the 8- or 16-byte header). */
  payloadStart: number;
  /** Offset just past the box. */
  end: number;
}

/**
 * Lists the boxes laid end to end in `bytes[start, end)`.
 *
 * @throws Error when a box size runs past `end` or is too small.
 */
export function readBoxes(bytes: Uint8Array, start = 0, end = bytes.length): Mp4Box[] {
  const boxes: Mp4Box[] = [];
  let offset = start;
  while (offset + 8 <= end) {
    let size = readU32be(bytes, offset);
    const type = readLatin1(bytes, offset + 4, 4);
    let headerSize = 8;
    if (size === 1) {
      if (offset + 16 > end) throw new Error(`MP4 box ${type} is cut short.`);
      // 64-bit size; files here are far below 2^53 bytes, so a Number is exact.
      size = readU32be(bytes, offset + 8) * 2 ** 32 + readU32be(bytes, offset + 12);
      headerSize = 16;
    } else if (size === 0) {
      size = end - offset; // "extends to the end of the file"
    }
    if (size < headerSize || offset + size > end) {
      throw new Error(`MP4 box ${type} at ${offset} has an invalid size ${size}.`);
    }
    boxes.push({ type, start: offset, payloadStart: offset + headerSize, end: offset + size });
    offset += size;
  }
  if (offset !== end) throw new Error(`Stray bytes after the MP4 box at ${offset}.`);
  return boxes;
}

/** Builds a box from its type and payload parts. */
export function box(type: string, ...payload: readonly Uint8Array[]): Uint8Array {
  const body = concatBytes(payload);
  return new ByteWriter()
    .u32be(8 + body.length)
    .bytes(latin1Bytes(type))
    .bytes(body)
    .toBytes();
}

/** Builds a "full box": a box whose payload starts with a version byte and 24 flag bits. */
export function fullBox(
  type: string,
  version: number,
  flags: number,
  ...payload: readonly Uint8Array[]
): Uint8Array {
  return box(type, new ByteWriter().u8(version).u24be(flags).toBytes(), ...payload);
}
