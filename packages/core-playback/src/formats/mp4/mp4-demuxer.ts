/**
 * Reads an MP4/M4A file's index: hands `ftyp` + `moov` (never `mdat`) to
 * mp4box and keeps what playback needs from the first audio track: codec,
 * AudioSpecificConfig, sample table and gapless trim.
 */
import { PlayerError } from "@player/core-runtime";
import type { Sample, Track } from "mp4box";
import { findITunSmpb, type GaplessTrim, gaplessTrim } from "./gapless-trim.js";
import { assertSaneMoov } from "./moov-guard.js";
import { SampleTable } from "./sample-table.js";
import { hostileStructure, type TopLevelBoxes } from "./top-level-boxes.js";

/** AAC access units are at most 6144 bits per channel; this is generous for any codec. */
const MAX_SAMPLE_BYTES = 1024 * 1024;
/** MPEG-4 descriptor tags inside `esds`. */
const DECODER_CONFIG_TAG = 0x04;
const DECODER_SPECIFIC_INFO_TAG = 0x05;
/** Object type indications of AAC (MPEG-4, and MPEG-2 Main/LC/SSR) and MP3 in `esds`. */
const AAC_OBJECT_TYPES = new Set([0x40, 0x66, 0x67, 0x68]);
const MP3_OBJECT_TYPES = new Set([0x69, 0x6b]);

/** The audio track playback uses, with everything read from `moov`. */
export interface Mp4AudioTrack {
  /** WebCodecs codec string (`mp4a.40.2`, `mp3`). */
  codec: string;
  /** Short codec name for {@link StreamInfo.codec}. */
  codecName: string;
  description: Uint8Array | undefined;
  sampleRate: number;
  channels: number;
  table: SampleTable;
  trim: GaplessTrim;
}

/** The parts of mp4box's `mp4a` sample entry this module reads. */
interface AudioSampleEntryView {
  type: string;
  samplerate?: number;
  channel_count?: number;
  esds?: { esd?: DescriptorView };
}
interface DescriptorView {
  oti?: number;
  data?: Uint8Array;
  findDescriptor(tag: number): unknown;
}

function unsupportedFormat(message: string, cause?: unknown): PlayerError {
  return new PlayerError("playback/unsupported-format", message, { fatal: true, cause });
}

/**
 * Parses `moov` and describes its first audio track.
 *
 * @throws PlayerError `playback/unsupported-format` (no usable audio track or
 * a `moov` mp4box cannot read), `playback/unsupported-codec` (a codec other
 * than AAC or MP3, such as ALAC), `playback/decode-failed` (hostile tables).
 */
export async function demuxAudioTrack(boxes: TopLevelBoxes): Promise<Mp4AudioTrack> {
  assertSaneMoov(boxes.moov);
  const { audio, movieTimescale, samples } = await parseWithMp4box(boxes);
  const entry = samples[0]?.description as unknown as AudioSampleEntryView | undefined;
  if (entry === undefined) throw unsupportedFormat("The MP4 audio track has no sample entry");

  const { codec, codecName, description, isAac } = codecOf(entry, audio.codec);
  const sampleRate = entry.samplerate || audio.audio?.sample_rate || audio.timescale;
  const channels = entry.channel_count || audio.audio?.channel_count || 0;
  if (!(sampleRate > 0 && channels > 0 && audio.timescale > 0)) {
    throw unsupportedFormat("The MP4 audio track has no sample rate or channel count");
  }
  const table = sampleTableOf(samples, sampleRate / audio.timescale);
  const trim = gaplessTrim({
    edits: audio.edits,
    movieTimescale,
    trackTimescale: audio.timescale,
    sampleRate,
    tableEndFrame: table.endFrame,
    iTunSmpb: findITunSmpb(boxes.moov),
    isAac,
  });
  return { codec, codecName, description, sampleRate, channels, table, trim };
}

/** The first audio track (by handler `soun`, so codecs mp4box does not know count too). */
async function parseWithMp4box(
  boxes: TopLevelBoxes,
): Promise<{ audio: Track; movieTimescale: number; samples: Sample[] }> {
  const { createFile, MP4BoxBuffer } = await import("mp4box");
  // mp4box wants contiguous bytes from offset 0; sample offsets come from
  // `stco`, which are absolute, so where moov lands in this buffer is moot.
  const ftyp = boxes.ftyp ?? new Uint8Array(0);
  const index = new Uint8Array(ftyp.length + boxes.moov.length);
  index.set(ftyp, 0);
  index.set(boxes.moov, ftyp.length);
  const file = createFile();
  let parseError = "no moov box found";
  file.onError = (module, message) => {
    parseError = `${module}: ${message}`;
  };
  let found: { audio: Track; movieTimescale: number; samples: Sample[] } | undefined;
  try {
    file.appendBuffer(MP4BoxBuffer.fromArrayBuffer(index.buffer, 0), true);
    file.flush();
    const info = file.getInfo();
    if (!info.hasMoov) throw new Error(parseError);
    const isSound = (track: Track) => file.getTrackById(track.id)?.mdia?.hdlr?.handler === "soun";
    const audio = info.audioTracks[0] ?? info.tracks.find(isSound);
    if (audio !== undefined) {
      const samples = file.getTrackById(audio.id).samples ?? [];
      found = { audio, movieTimescale: info.timescale, samples };
    }
  } catch (error) {
    throw unsupportedFormat("The MP4 index (moov) cannot be read", error);
  }
  if (found === undefined) throw unsupportedFormat("The MP4 file has no audio track");
  if (found.samples.length === 0) throw unsupportedFormat("The MP4 audio track has no samples");
  return found;
}

function codecOf(entry: AudioSampleEntryView, mp4boxCodec: string) {
  if (entry.type !== "mp4a") {
    const name = entry.type === "alac" ? "ALAC" : entry.type;
    throw new PlayerError(
      "playback/unsupported-codec",
      `${name} (${entry.type}) audio in MP4 is not supported: only AAC and MP3 are`,
      { fatal: true, details: { codec: entry.type } },
    );
  }
  const config = asDescriptor(entry.esds?.esd?.findDescriptor(DECODER_CONFIG_TAG));
  const objectType = config?.oti ?? 0;
  if (MP3_OBJECT_TYPES.has(objectType)) {
    return { codec: "mp3", codecName: "mp3", description: undefined, isAac: false };
  }
  const specific = asDescriptor(config?.findDescriptor(DECODER_SPECIFIC_INFO_TAG));
  const description = specific?.data === undefined ? undefined : new Uint8Array(specific.data);
  const isAac = AAC_OBJECT_TYPES.has(objectType);
  return { codec: mp4boxCodec, codecName: isAac ? "aac" : mp4boxCodec, description, isAac };
}

function asDescriptor(value: unknown): DescriptorView | undefined {
  return typeof value === "object" && value !== null && "findDescriptor" in value
    ? (value as DescriptorView)
    : undefined;
}

/** Copies mp4box's per-sample objects into typed arrays, timeline in output frames. */
function sampleTableOf(samples: readonly Sample[], framesPerUnit: number): SampleTable {
  const count = samples.length;
  const offsets = new Float64Array(count);
  const sizes = new Uint32Array(count);
  const frames = new Float64Array(count);
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const sample = samples[i] as Sample;
    if (!(sample.size <= MAX_SAMPLE_BYTES && Number.isSafeInteger(sample.offset))) {
      throw hostileStructure(`sample ${i} claims ${sample.size} bytes at ${sample.offset}`);
    }
    offsets[i] = sample.offset;
    sizes[i] = sample.size;
    const frame = Math.round(sample.dts * framesPerUnit);
    if (!(frame >= previous)) throw hostileStructure(`sample ${i} goes back in time`);
    frames[i] = previous = frame;
  }
  const last = samples[count - 1] as Sample;
  return new SampleTable(
    offsets,
    sizes,
    frames,
    Math.round((last.dts + last.duration) * framesPerUnit),
  );
}
