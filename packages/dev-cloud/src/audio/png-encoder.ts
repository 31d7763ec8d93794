/** A minimal PNG encoder for palette images, on node:zlib's deflate. */
import { deflateSync } from "node:zlib";
import { ByteWriter, concatBytes, latin1Bytes } from "./byte-writer.js";
import { crc32 } from "./crc32.js";

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const COLOR_TYPE_PALETTE = 3;

/** An RGB colour, each channel 0–255. */
export type Rgb = readonly [red: number, green: number, blue: number];

/**
 * Encodes an 8-bit palette image as PNG.
 *
 * @param width - Pixels per row.
 * @param height - Rows.
 * @param palette - Up to 256 colours.
 * @param pixels - `width * height` palette indices, row by row.
 */
export function encodePalettePng(
  width: number,
  height: number,
  palette: readonly Rgb[],
  pixels: Uint8Array,
): Uint8Array {
  if (palette.length === 0 || palette.length > 256)
    throw new RangeError("A PNG palette holds 1 to 256 colours.");
  if (pixels.length !== width * height)
    throw new RangeError("pixels must hold width * height indices.");

  // Each scanline is prefixed with filter type 0 (none): the flat areas of
  // generated art deflate well without prediction.
  const scanlines = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) {
    scanlines.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  }
  const header = new ByteWriter()
    .u32be(width)
    .u32be(height)
    .u8(8) // bits per palette index
    .u8(COLOR_TYPE_PALETTE)
    .u8(0) // deflate
    .u8(0) // adaptive filtering
    .u8(0) // not interlaced
    .toBytes();
  return concatBytes([
    SIGNATURE,
    pngChunk("IHDR", header),
    pngChunk("PLTE", Uint8Array.from(palette.flat())),
    pngChunk("IDAT", deflateSync(scanlines, { level: 6 })),
    pngChunk("IEND", new Uint8Array(0)),
  ]);
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typeAndData = concatBytes([latin1Bytes(type), data]);
  return new ByteWriter().u32be(data.length).bytes(typeAndData).u32be(crc32(typeAndData)).toBytes();
}
