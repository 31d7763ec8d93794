import { crc32, deflateSync } from "node:zlib";

/** A PNG chunk: length, type, data, CRC of type and data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function ihdr(width: number, height: number): Uint8Array {
  const data = new Uint8Array(13);
  const view = new DataView(data.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  data.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return chunk("IHDR", data);
}

/**
 * A real RGB PNG. `seed` fills it with pseudo-random noise (which does not
 * compress: about 3 bytes a pixel), else with one colour.
 */
export function pngImage(width: number, height: number, seed?: number): Uint8Array {
  const rowBytes = width * 3 + 1;
  const raw = new Uint8Array(rowBytes * height);
  let state = seed ?? 0;
  for (let y = 0; y < height; y++) {
    for (let i = 1; i < rowBytes; i++) {
      if (seed === undefined) {
        raw[y * rowBytes + i] = i % 3 === 1 ? 200 : 40;
      } else {
        state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
        raw[y * rowBytes + i] = state >>> 24;
      }
    }
  }
  const level = seed === undefined ? 6 : 0;
  return concat([
    PNG_SIGNATURE,
    ihdr(width, height),
    chunk("IDAT", deflateSync(raw, { level })),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

/** Only a PNG header claiming `width`×`height`: no pixel data at all. */
export function pngHeaderOnly(width: number, height: number): Uint8Array {
  return concat([PNG_SIGNATURE, ihdr(width, height)]);
}

/** A PNG signature with a broken IHDR: not readable as an image. */
export function brokenPng(): Uint8Array {
  return concat([PNG_SIGNATURE, new TextEncoder().encode("garbage, no header chunk")]);
}

/**
 * JPEG markers up to a baseline frame header: SOI, `paddingBytes` of APP1
 * segments (as a large EXIF block would be), SOF0 with the size.
 */
export function jpegHeader(width: number, height: number, paddingBytes = 0): Uint8Array {
  const parts: Uint8Array[] = [Uint8Array.of(0xff, 0xd8)];
  for (let left = paddingBytes; left > 0; ) {
    const payload = Math.min(left, 65_533);
    const segment = new Uint8Array(4 + payload).fill(0x41);
    segment.set([0xff, 0xe1, (payload + 2) >> 8, (payload + 2) & 0xff]);
    parts.push(segment);
    left -= payload;
  }
  parts.push(
    Uint8Array.of(0xff, 0xc0, 0, 17, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3),
    Uint8Array.of(1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1),
  );
  return concat(parts);
}
