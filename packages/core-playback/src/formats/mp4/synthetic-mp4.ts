/**
 * Test-only: writes small MP4 audio files box by box, so tests control every
 * field (edit list, iTunSMPB, layout, 64-bit sizes, codec) and can damage
 * them. Each sample's payload starts with its index (big-endian u32), which
 * the fake decoder reads back. The package entry does not import this file.
 */

/** Frames per AAC access unit. */
export const AAC_FRAMES_PER_SAMPLE = 1024;
/** AudioSpecificConfig of AAC-LC, 44.1 kHz, stereo. */
export const AAC_LC_44100_STEREO = new Uint8Array([0x12, 0x10]);

/** What {@link synthesizeMp4} writes. */
export interface SyntheticMp4Options {
  samples: number;
  /** Duration of the last sample (the others last 1024 frames). Default 1024. */
  lastSampleFrames?: number;
  /** Bytes per sample (at least 4). Default 40. */
  sampleBytes?: number;
  sampleRate?: number;
  channels?: number;
  /** `moov` before `mdat` (faststart) or after it (ffmpeg's default). */
  layout?: "moov-first" | "moov-last";
  /** One `elst` entry; `segmentDuration` in movie units (ms). Omitted: no `edts`. */
  edit?: { mediaTime: number; segmentDuration: number };
  /** The text of an `iTunSMPB` tag. */
  iTunSmpb?: string;
  /** Sample entry type. Default `mp4a`. */
  entryType?: "mp4a" | "alac";
  /** Write `mdat` with a 64-bit size. */
  largeMdat?: boolean;
  /** Samples per chunk in `stsc`/`stco`. Default 16. */
  samplesPerChunk?: number;
}

/** The file and where its parts are. */
export interface SyntheticMp4 {
  bytes: Uint8Array;
  /** File offset of each sample. */
  offsets: number[];
  moovStart: number;
  moovSize: number;
  mdatStart: number;
}

const MOVIE_TIMESCALE = 1000;

/** Writes a stereo AAC-like MP4 file whose samples carry their index. */
export function synthesizeMp4(options: SyntheticMp4Options): SyntheticMp4 {
  const sampleBytes = Math.max(4, options.sampleBytes ?? 40);
  const payloads = Array.from({ length: options.samples }, (_, index) => {
    const payload = new Uint8Array(sampleBytes).fill(0xa5);
    new DataView(payload.buffer).setUint32(0, index);
    return payload;
  });
  const ftyp = box("ftyp", ascii("M4A "), u32(512), ascii("M4A isomiso2"));
  const mdatHeader = options.largeMdat === true ? 16 : 8;
  const mdatPayload = concat(...payloads);
  const mdatSize = mdatHeader + mdatPayload.length;
  const mdat =
    options.largeMdat === true
      ? concat(u32(1), ascii("mdat"), u64(mdatSize), mdatPayload)
      : concat(u32(mdatSize), ascii("mdat"), mdatPayload);
  const moovFor = (mdatStart: number) => {
    const offsets = payloads.map((_, i) => mdatStart + mdatHeader + i * sampleBytes);
    return { moov: moovBox(options, sampleBytes, offsets), offsets };
  };
  const moovSize = moovFor(0).moov.length;
  const moovFirst = options.layout === "moov-first";
  const mdatStart = moovFirst ? ftyp.length + moovSize : ftyp.length;
  const { moov, offsets } = moovFor(mdatStart);
  const bytes = moovFirst ? concat(ftyp, moov, mdat) : concat(ftyp, mdat, moov);
  const moovStart = moovFirst ? ftyp.length : ftyp.length + mdat.length;
  return { bytes, offsets, moovStart, moovSize, mdatStart };
}

function moovBox(options: SyntheticMp4Options, sampleBytes: number, offsets: number[]) {
  const rate = options.sampleRate ?? 44_100;
  const count = options.samples;
  const last = options.lastSampleFrames ?? AAC_FRAMES_PER_SAMPLE;
  const mediaDuration = (count - 1) * AAC_FRAMES_PER_SAMPLE + last;
  const movieDuration = Math.round((mediaDuration * MOVIE_TIMESCALE) / rate);
  const perChunk = options.samplesPerChunk ?? 16;
  const chunkOffsets = offsets.filter((_, i) => i % perChunk === 0);
  const stts =
    count > 1
      ? fullBox("stts", 0, u32(2), u32(count - 1), u32(AAC_FRAMES_PER_SAMPLE), u32(1), u32(last))
      : fullBox("stts", 0, u32(1), u32(1), u32(last));
  const stbl = box(
    "stbl",
    fullBox("stsd", 0, u32(1), sampleEntry(options, rate)),
    stts,
    fullBox("stsc", 0, u32(1), u32(1), u32(perChunk), u32(1)),
    fullBox("stsz", 0, u32(0), u32(count), ...offsets.map(() => u32(sampleBytes))),
    fullBox("stco", 0, u32(chunkOffsets.length), ...chunkOffsets.map(u32)),
  );
  const dinf = box("dinf", fullBox("dref", 0, u32(1), fullBox("url ", 1)));
  const minf = box("minf", fullBox("smhd", 0, u32(0)), dinf, stbl);
  const mdhd = fullBox(
    "mdhd",
    0,
    u32(0),
    u32(0),
    u32(rate),
    u32(mediaDuration),
    u16(0x55c4),
    u16(0),
  );
  const hdlr = fullBox("hdlr", 0, u32(0), ascii("soun"), zeros(12), ascii("SoundHandler\0"));
  const edts =
    options.edit === undefined
      ? new Uint8Array(0)
      : box(
          "edts",
          fullBox(
            "elst",
            0,
            u32(1),
            u32(options.edit.segmentDuration),
            i32(options.edit.mediaTime),
            u16(1),
            u16(0),
          ),
        );
  const trak = box("trak", tkhd(movieDuration), edts, box("mdia", mdhd, hdlr, minf));
  const udta = options.iTunSmpb === undefined ? new Uint8Array(0) : iTunesTags(options.iTunSmpb);
  return box("moov", mvhd(movieDuration), trak, udta);
}

function sampleEntry(options: SyntheticMp4Options, rate: number): Uint8Array {
  const channels = options.channels ?? 2;
  const audioFields = concat(zeros(6), u16(1), zeros(8), u16(channels), u16(16), zeros(4));
  const rateField = u32(rate * 65536);
  if (options.entryType === "alac") {
    return box("alac", audioFields, rateField, fullBox("alac", 0, zeros(24)));
  }
  const specific = descriptor(0x05, AAC_LC_44100_STEREO);
  const config = descriptor(
    0x04,
    concat(u8(0x40), u8(0x15), zeros(3), u32(128_000), u32(128_000), specific),
  );
  const es = descriptor(0x03, concat(u16(1), u8(0), config, descriptor(0x06, u8(0x02))));
  return box("mp4a", audioFields, rateField, fullBox("esds", 0, es));
}

function iTunesTags(smpb: string): Uint8Array {
  const freeform = box(
    "----",
    fullBox("mean", 0, ascii("com.apple.iTunes")),
    fullBox("name", 0, ascii("iTunSMPB")),
    box("data", u32(1), u32(0), ascii(smpb)),
  );
  const handler = fullBox("hdlr", 0, u32(0), ascii("mdir"), ascii("appl"), zeros(9));
  return box("udta", fullBox("meta", 0, handler, box("ilst", freeform)));
}

const IDENTITY_MATRIX = [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000];

function mvhd(duration: number): Uint8Array {
  return fullBox(
    "mvhd",
    0,
    u32(0),
    u32(0),
    u32(MOVIE_TIMESCALE),
    u32(duration),
    u32(0x10000),
    u16(0x100),
    zeros(10),
    ...IDENTITY_MATRIX.map(u32),
    zeros(24),
    u32(2),
  );
}

function tkhd(duration: number): Uint8Array {
  const fields = [u32(0), u32(0), u32(1), u32(0), u32(duration), zeros(8), u16(0), u16(1)];
  return fullBox(
    "tkhd",
    0x000003,
    ...fields,
    u16(0x100),
    u16(0),
    ...IDENTITY_MATRIX.map(u32),
    u32(0),
    u32(0),
  );
}

function descriptor(tag: number, body: Uint8Array): Uint8Array {
  return concat(u8(tag), u8(body.length), body);
}

/** A box: 32-bit size, type, body. */
export function box(type: string, ...parts: Uint8Array[]): Uint8Array {
  const body = concat(...parts);
  return concat(u32(8 + body.length), ascii(type), body);
}

function fullBox(type: string, flags: number, ...parts: Uint8Array[]): Uint8Array {
  return box(type, u32(flags & 0xffffff), ...parts);
}

/** Big-endian u32. */
export function u32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value >>> 0);
  return bytes;
}
function i32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, value);
  return bytes;
}
function u64(value: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(value));
  return bytes;
}
function u16(value: number): Uint8Array {
  return new Uint8Array([(value >> 8) & 0xff, value & 0xff]);
}
function u8(value: number): Uint8Array {
  return new Uint8Array([value & 0xff]);
}
function zeros(length: number): Uint8Array {
  return new Uint8Array(length);
}
/** ASCII bytes of `text`. */
export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}
/** Concatenation of byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}
