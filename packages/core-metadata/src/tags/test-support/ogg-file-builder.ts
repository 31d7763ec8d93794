/**
 * Test-only: small Ogg Vorbis/Opus files with chosen comments and page
 * layouts. The audio pages are filler; headers, paging, granule positions
 * and CRCs are real.
 */
import { oggPageChecksum } from "../ogg/ogg-page.js";
import { concat, fillerBytes, vorbisCommentList, Writer } from "./tag-file-builders.js";

/** What {@link buildOggFile} makes. */
export interface OggFileOptions {
  codec: "vorbis" | "opus";
  fields: readonly string[];
  /** Samples at the end (Opus: at 48 kHz, after the pre-skip). */
  samples: number;
  sampleRate?: number;
  channels?: number;
  preSkip?: number;
  /** Segments per header page, by page index (default 255: full 64 KiB pages). */
  segmentsPerPage?: (pageIndex: number) => number;
  serialNumber?: number;
  audioPages?: number;
  audioPageBytes?: number;
}

/** Builds an Ogg Vorbis or Opus file with the given comment fields. */
export function buildOggFile(options: OggFileOptions): Uint8Array {
  const serial = options.serialNumber ?? 0x1234;
  const sampleRate = options.sampleRate ?? (options.codec === "opus" ? 48_000 : 44_100);
  const channels = options.channels ?? 2;
  const preSkip = options.codec === "opus" ? (options.preSkip ?? 312) : 0;
  const identification =
    options.codec === "vorbis"
      ? new Writer()
          .u8(1)
          .text("vorbis")
          .u32le(0)
          .u8(channels)
          .u32le(sampleRate)
          .u32le(0)
          .u32le(128_000)
          .u32le(0)
          .u8(0xb8)
          .u8(1)
          .done()
      : new Writer()
          .text("OpusHead")
          .u8(1)
          .u8(channels)
          .u16le(preSkip)
          .u32le(sampleRate)
          .u16le(0)
          .u8(0)
          .done();
  const commentList = vorbisCommentList(options.fields);
  const headerPackets =
    options.codec === "vorbis"
      ? [
          new Writer().u8(3).text("vorbis").bytes(commentList).u8(1).done(),
          new Writer().u8(5).text("vorbis").bytes(fillerBytes(300, 7)).done(),
        ]
      : [new Writer().text("OpusTags").bytes(commentList).done()];
  let sequence = 0;
  const pages: Uint8Array[] = [
    oggPage({
      headerType: 2,
      granule: 0n,
      serial,
      sequence: sequence++,
      segments: [identification],
    }),
  ];
  const headerPages = pagePackets(headerPackets, options.segmentsPerPage ?? (() => 255));
  for (const page of headerPages) {
    pages.push(
      oggPage({
        headerType: page.continued ? 1 : 0,
        granule: page.endsPacket ? 0n : -1n,
        serial,
        sequence: sequence++,
        segments: page.segments,
      }),
    );
  }
  const audioPages = options.audioPages ?? 3;
  const finalGranule = BigInt(options.samples + preSkip);
  for (let index = 1; index <= audioPages; index++) {
    const last = index === audioPages;
    pages.push(
      oggPage({
        headerType: last ? 4 : 0,
        granule: last ? finalGranule : (finalGranule * BigInt(index)) / BigInt(audioPages + 1),
        serial,
        sequence: sequence++,
        segments: [fillerBytes(options.audioPageBytes ?? 200, index)],
      }),
    );
  }
  return concat(pages);
}

interface PagedSegments {
  segments: Uint8Array[];
  continued: boolean;
  endsPacket: boolean;
}

/** Lays packets on pages of `segmentsPerPage(i)` lacing values each. */
function pagePackets(
  packets: readonly Uint8Array[],
  segmentsPerPage: (pageIndex: number) => number,
): PagedSegments[] {
  const lacing: { bytes: Uint8Array; ends: boolean }[] = [];
  for (const packet of packets) {
    let offset = 0;
    for (; packet.length - offset >= 255; offset += 255) {
      lacing.push({ bytes: packet.subarray(offset, offset + 255), ends: false });
    }
    lacing.push({ bytes: packet.subarray(offset), ends: true });
  }
  const pages: PagedSegments[] = [];
  let continued = false;
  for (let start = 0, page = 0; start < lacing.length; page++) {
    const count = Math.max(1, Math.min(255, segmentsPerPage(page)));
    const taken = lacing.slice(start, start + count);
    start += taken.length;
    pages.push({
      segments: taken.map((segment) => segment.bytes),
      continued,
      endsPacket: taken.some((segment) => segment.ends),
    });
    continued = !(taken.at(-1)?.ends ?? true);
  }
  return pages;
}

/** One page; each entry of `segments` is one lacing value's bytes (a whole packet if < 255). */
export function oggPage(page: {
  headerType: number;
  granule: bigint;
  serial: number;
  sequence: number;
  segments: readonly Uint8Array[];
}): Uint8Array {
  const lacing = page.segments.flatMap((segment) => lacingOf(segment.length));
  const body = concat([...page.segments]);
  const bytes = new Uint8Array(27 + lacing.length + body.length);
  const view = new DataView(bytes.buffer);
  bytes.set([0x4f, 0x67, 0x67, 0x53, 0, page.headerType]);
  view.setBigInt64(6, page.granule, true);
  view.setUint32(14, page.serial, true);
  view.setUint32(18, page.sequence, true);
  bytes[26] = lacing.length;
  bytes.set(lacing, 27);
  bytes.set(body, 27 + lacing.length);
  view.setUint32(22, oggPageChecksum(bytes), true);
  return bytes;
}

/** Lacing values of one segment run: 255s, then the rest (a 255-byte run gets no 0 here). */
function lacingOf(length: number): number[] {
  if (length === 255) return [255];
  const values: number[] = [];
  let left = length;
  for (; left >= 255; left -= 255) values.push(255);
  values.push(left);
  return values;
}
