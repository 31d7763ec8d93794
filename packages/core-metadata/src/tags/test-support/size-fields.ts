/**
 * Test-only: where the length and count fields of a file's tags lie, so a
 * fuzzer can aim at them, and the byte range the tags occupy.
 */
import { mp4Boxes } from "./mp4-layout.js";

/** A length or count field: its offset, width in bytes and byte order. */
export interface SizeField {
  offset: number;
  width: 1 | 2 | 3 | 4;
  littleEndian: boolean;
}

/** The tags' size fields and their byte range in one file. */
export interface TagLayout {
  fields: SizeField[];
  region: { start: number; end: number };
}

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Vorbis comment list at `start`: vendor length, count, each comment's length (LE). */
function commentListFields(bytes: Uint8Array, start: number, end: number): SizeField[] {
  const fields: SizeField[] = [{ offset: start, width: 4, littleEndian: true }];
  let offset = start + 4 + view(bytes).getUint32(start, true);
  if (offset + 4 > end) return fields;
  fields.push({ offset, width: 4, littleEndian: true });
  const count = view(bytes).getUint32(offset, true);
  offset += 4;
  for (let index = 0; index < count && offset + 4 <= end; index++) {
    fields.push({ offset, width: 4, littleEndian: true });
    offset += 4 + view(bytes).getUint32(offset, true);
  }
  return fields;
}

/** ID3v2 at `start`: the tag size (syncsafe), then each frame's size. */
export function id3Fields(bytes: Uint8Array, start: number): TagLayout {
  const size =
    ((bytes[start + 6] ?? 0) << 21) |
    ((bytes[start + 7] ?? 0) << 14) |
    ((bytes[start + 8] ?? 0) << 7) |
    (bytes[start + 9] ?? 0);
  const end = start + 10 + size;
  const fields: SizeField[] = [{ offset: start + 6, width: 4, littleEndian: false }];
  for (let frame = start + 10; frame + 10 <= end && bytes[frame] !== 0; ) {
    fields.push({ offset: frame + 4, width: 4, littleEndian: false });
    const raw = view(bytes).getUint32(frame + 4);
    const frameSize =
      bytes[start + 3] === 4
        ? ((raw >>> 24) << 21) |
          (((raw >>> 16) & 0x7f) << 14) |
          (((raw >>> 8) & 0x7f) << 7) |
          (raw & 0x7f)
        : raw;
    frame += 10 + frameSize;
  }
  return { fields, region: { start, end } };
}

function flacFields(bytes: Uint8Array): TagLayout {
  const fields: SizeField[] = [];
  let offset = 4;
  for (;;) {
    const header = bytes[offset] ?? 0x80;
    const length = view(bytes).getUint32(offset) & 0xffffff;
    fields.push({ offset: offset + 1, width: 3, littleEndian: false });
    const body = offset + 4;
    if ((header & 0x7f) === 4) fields.push(...commentListFields(bytes, body, body + length));
    if ((header & 0x7f) === 6) {
      const mime = view(bytes).getUint32(body + 4);
      const description = view(bytes).getUint32(body + 8 + mime);
      for (const at of [body + 4, body + 8 + mime, body + 28 + mime + description]) {
        fields.push({ offset: at, width: 4, littleEndian: false });
      }
    }
    offset = body + length;
    if (header & 0x80 || offset >= bytes.length) break;
  }
  return { fields, region: { start: 0, end: offset } };
}

function oggFields(bytes: Uint8Array): TagLayout {
  const fields: SizeField[] = [];
  let offset = 0;
  for (let page = 0; page < 3 && offset + 27 <= bytes.length; page++) {
    const segments = bytes[offset + 26] ?? 0;
    fields.push({ offset: offset + 26, width: 1, littleEndian: true });
    for (let index = 0; index < segments; index++) {
      fields.push({ offset: offset + 27 + index, width: 1, littleEndian: true });
    }
    const body = offset + 27 + segments;
    if (page === 1) {
      // The comment packet starts the second page, after its 7- or 8-byte magic.
      const magic = bytes[body] === 3 ? 7 : 8;
      fields.push(...commentListFields(bytes, body + magic, bytes.length));
    }
    let bodyLength = 0;
    for (let index = 0; index < segments; index++) bodyLength += bytes[offset + 27 + index] ?? 0;
    offset = body + bodyLength;
  }
  return { fields, region: { start: 0, end: offset } };
}

const MP4_CONTAINERS = new Set(["moov", "trak", "mdia", "minf", "stbl", "udta", "meta", "ilst"]);

function mp4Fields(bytes: Uint8Array): TagLayout {
  const fields: SizeField[] = [];
  const walk = (start: number, end: number, parent: string) => {
    for (const box of mp4Boxes(bytes, start, end)) {
      fields.push({ offset: box.start, width: 4, littleEndian: false });
      // `meta` is a full box (4 bytes of version and flags); `ilst` items hold `data` boxes.
      const skip = box.type === "meta" ? 4 : 0;
      if (MP4_CONTAINERS.has(box.type) || parent === "ilst") {
        walk(box.start + box.headerSize + skip, box.end, box.type);
      }
    }
  };
  const moov = mp4Boxes(bytes).find((box) => box.type === "moov");
  if (moov === undefined) return { fields, region: { start: 0, end: bytes.length } };
  walk(moov.start, moov.end, "");
  return { fields, region: { start: moov.start, end: moov.end } };
}

function wavFields(bytes: Uint8Array): TagLayout {
  const fields: SizeField[] = [{ offset: 4, width: 4, littleEndian: true }];
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = ascii(bytes, offset, 4);
    fields.push({ offset: offset + 4, width: 4, littleEndian: true });
    if (id === "data") break;
    const size = view(bytes).getUint32(offset + 4, true);
    if (id === "id3 ") fields.push(...id3Fields(bytes, offset + 8).fields);
    offset += 8 + size + (size % 2);
  }
  return { fields, region: { start: 0, end: offset + 8 } };
}

/** The size fields and tag region of a dev-cloud file of any of the six formats. */
export function tagLayout(bytes: Uint8Array): TagLayout {
  const magic = ascii(bytes, 0, 4);
  if (magic === "fLaC") return flacFields(bytes);
  if (magic === "OggS") return oggFields(bytes);
  if (magic === "RIFF") return wavFields(bytes);
  if (magic.startsWith("ID3")) return id3Fields(bytes, 0);
  return mp4Fields(bytes);
}
