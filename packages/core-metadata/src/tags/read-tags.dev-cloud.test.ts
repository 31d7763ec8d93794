import type { StorageProvider } from "@player/core-runtime";
import { type AudioFormat, type DevCloud, startDevCloud } from "@player/dev-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RangeClientStats } from "./byte-source.js";
import { readTags } from "./read-tags.js";
import { devCloudDrive, loggedFileReads, median } from "./test-support/dev-cloud-drive.js";

let cloud: DevCloud;
let drive: StorageProvider;

beforeAll(async () => {
  cloud = await startDevCloud({ tracks: 96, seed: 11 });
  drive = await devCloudDrive(cloud);
});

afterAll(async () => {
  await cloud.close();
});

const FORMATS: readonly AudioFormat[] = ["mp3", "flac", "ogg-vorbis", "ogg-opus", "m4a", "wav"];

/** What each format's stream headers say of the tone bank's files; codec names are music-metadata's. */
const STREAMS: Readonly<
  Record<
    AudioFormat,
    { codec: string; sampleRate: number; channels: number; bitsPerSample?: number }
  >
> = {
  mp3: { codec: "MPEG 1 Layer 3", sampleRate: 44_100, channels: 1 },
  flac: { codec: "FLAC", sampleRate: 44_100, channels: 1, bitsPerSample: 16 },
  "ogg-vorbis": { codec: "Vorbis I", sampleRate: 44_100, channels: 1 },
  // Opus plays at 48 kHz; the header's input rate is what music-metadata reports.
  "ogg-opus": { codec: "Opus", sampleRate: 48_000, channels: 1 },
  m4a: { codec: "MPEG-4/AAC", sampleRate: 44_100, channels: 2, bitsPerSample: 16 },
  wav: { codec: "PCM", sampleRate: 44_100, channels: 1, bitsPerSample: 16 },
};

/**
 * How far the header duration may be from the rendered one, in seconds.
 * Lossless and Ogg durations are sample-exact. MP3 (Xing frame count × 1152)
 * and AAC (`mdhd`) also count the encoder's delay and padding: about 30 ms
 * and 23 ms for these files.
 */
const DURATION_TOLERANCE_S: Readonly<Record<AudioFormat, number>> = {
  mp3: 0.05,
  m4a: 0.05,
  flac: 0.001,
  "ogg-vorbis": 0.001,
  "ogg-opus": 0.001,
  wav: 0.001,
};

/** The budget: bytes read per file, median over each format. */
const MEDIAN_BUDGET_BYTES = 16 * 1024;

describe("readTags over range reads of the dev-cloud", () => {
  it("reads every intact track's tags as generated, with a few KiB per file", async () => {
    const { tracks } = await cloud.admin.library();
    const intact = tracks.filter((track) => track.broken === undefined && track.fileId !== null);
    const bytesByFormat = new Map<AudioFormat, number[]>();
    for (const track of intact) {
      const fileId = track.fileId as string;
      const since = await cloud.admin.lastRequestId();
      const stats: RangeClientStats = { requests: 0, bytes: 0 };
      const tags = await readTags(drive, fileId, { stats });
      expect({ format: track.format, ...tags, duration: undefined, bitrate: undefined }).toEqual({
        format: track.format,
        title: track.title,
        artists: [track.artist],
        album: track.album,
        albumArtist: track.albumArtist,
        trackNumber: track.trackNumber,
        trackTotal: track.trackCount,
        discNumber: track.discNumber,
        discTotal: track.discCount,
        year: track.year,
        genres: [track.genre],
        // The generator writes no composer, compilation flag, ReplayGain or MusicBrainz ids.
        composers: [],
        compilation: false,
        replayGain: {},
        musicBrainz: {},
        ...STREAMS[track.format],
        hasPicture: track.hasCover,
        duration: undefined,
        bitrate: undefined,
      });
      const durationOff = Math.abs((tags.duration ?? Number.NaN) - track.durationMs / 1000);
      expect({
        format: track.format,
        durationWithinTolerance: durationOff <= DURATION_TOLERANCE_S[track.format],
      }).toEqual({ format: track.format, durationWithinTolerance: true });
      // The request log agrees with what the reader counted.
      expect(await loggedFileReads(cloud, fileId, since)).toEqual(stats);
      bytesByFormat.set(track.format, [...(bytesByFormat.get(track.format) ?? []), stats.bytes]);
    }
    for (const format of FORMATS) {
      const bytes = bytesByFormat.get(format) ?? [];
      expect({ format, tracks: bytes.length > 0 }).toEqual({ format, tracks: true });
      expect({ format, withinBudget: median(bytes) <= MEDIAN_BUDGET_BYTES }).toEqual({
        format,
        withinBudget: true,
      });
    }
  });

  it("reads the tags at the start of a truncated file", async () => {
    const { tracks } = await cloud.admin.library();
    const truncated = tracks.filter((track) => track.broken === "truncated" && track.fileId);
    expect(truncated.length).toBeGreaterThan(0);
    for (const track of truncated) {
      const tags = await readTags(drive, track.fileId as string);
      expect({ format: track.format, title: tags.title }).toEqual({
        format: track.format,
        title: track.title,
      });
    }
  });

  it("rejects bytes that are no audio with metadata/unreadable", async () => {
    const { rootId } = await cloud.admin.library();
    const page = await cloud.admin.addFile({ name: "x.mp3", parentId: rootId, content: "<html>" });
    await expect(readTags(drive, page.id)).rejects.toMatchObject({ code: "metadata/unreadable" });
  });
});
