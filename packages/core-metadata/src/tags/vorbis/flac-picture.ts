import { type ByteCursor, readU32be } from "../byte-cursor.js";
import {
  type EmbeddedPicture,
  FRONT_COVER,
  pictureTypeName,
  sniffImageMimeType,
} from "../embedded-picture.js";

/** The header of a FLAC PICTURE block (the same bytes Ogg carries in base64). */
export interface FlacPictureHeader {
  /** The type name ("Cover (front)"…); undefined for codes outside ID3v2's list. */
  type: string | undefined;
  mimeType: string;
  description: string;
  /** Bytes of picture data after the header. */
  dataLength: number;
}

/** MIME types and descriptions longer than this mark a broken block. */
const MAX_HEADER_TEXT_BYTES = 64 * 1024;
const utf8 = new TextDecoder("utf-8");

/**
 * Reads a PICTURE block's header (type, MIME type, description, four
 * dimension fields, data length: big-endian u32s) and leaves the cursor at
 * the first data byte.
 *
 * @param available - Bytes the block holds; every declared length must fit.
 * @returns undefined when the header is cut short or its lengths do not fit.
 */
export async function readFlacPictureHeader(
  cursor: ByteCursor,
  available: number,
): Promise<FlacPictureHeader | undefined> {
  const start = cursor.position;
  const fits = (length: number) =>
    length <= MAX_HEADER_TEXT_BYTES && cursor.position - start + length <= available;
  const typeCode = await readU32be(cursor);
  const mimeLength = await readU32be(cursor);
  if (typeCode === undefined || mimeLength === undefined || !fits(mimeLength)) return undefined;
  const mime = await cursor.read(mimeLength);
  const descriptionLength = await readU32be(cursor);
  if (mime.length < mimeLength || descriptionLength === undefined || !fits(descriptionLength)) {
    return undefined;
  }
  const description = await cursor.read(descriptionLength);
  if (description.length < descriptionLength) return undefined;
  // Width, height, colour depth and palette size: not needed here.
  if ((await cursor.skip(16)) < 16) return undefined;
  const dataLength = await readU32be(cursor);
  if (dataLength === undefined || cursor.position - start + dataLength > available) {
    return undefined;
  }
  return {
    type: pictureTypeName(typeCode),
    mimeType: normalizeMimeType(utf8.decode(mime)),
    description: utf8.decode(description),
    dataLength,
  };
}

/** Lower case, and the common misspelling `image/jpg` fixed (as music-metadata does). */
export function normalizeMimeType(mimeType: string): string {
  const lower = mimeType.toLowerCase();
  return lower === "image/jpg" ? "image/jpeg" : lower;
}

/** A picture block that can be opened (again) at its first byte. */
export interface PictureBlockSource {
  /** A cursor at the block's first byte, and how many bytes the block holds at most. */
  open(): Promise<{ cursor: ByteCursor; available: number }>;
}

/**
 * Picks the front cover, else the first picture, among FLAC picture blocks
 * and reads its data. Only headers are read to choose; blocks with a broken
 * header or no data are passed over, as music-metadata does.
 *
 * @returns undefined when there is no picture, the chosen one declares more
 * than `maxBytes` of data (it is then not read), or its data is cut short.
 */
export async function pickFlacPicture(
  blocks: readonly PictureBlockSource[],
  maxBytes: number,
): Promise<EmbeddedPicture | undefined> {
  let first: PictureBlockSource | undefined;
  for (const block of blocks) {
    const { cursor, available } = await block.open();
    const header = await readFlacPictureHeader(cursor, available);
    if (header === undefined || header.dataLength === 0) continue;
    if (header.type === FRONT_COVER) return readPictureData(cursor, header, maxBytes);
    first ??= block;
  }
  if (first === undefined) return undefined;
  const { cursor, available } = await first.open();
  const header = await readFlacPictureHeader(cursor, available);
  return header === undefined ? undefined : readPictureData(cursor, header, maxBytes);
}

async function readPictureData(
  cursor: ByteCursor,
  header: FlacPictureHeader,
  maxBytes: number,
): Promise<EmbeddedPicture | undefined> {
  if (header.dataLength > maxBytes) return undefined;
  const data = await cursor.read(header.dataLength);
  if (data.length < header.dataLength) return undefined;
  const picture: EmbeddedPicture = {
    mimeType: header.mimeType || (sniffImageMimeType(data) ?? "application/octet-stream"),
    data,
  };
  if (header.type !== undefined) picture.type = header.type;
  if (header.description !== "") picture.description = header.description;
  return picture;
}
