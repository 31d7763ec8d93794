/**
 * Tags an M4A file with iTunes-style metadata: moov/udta/meta (hdlr + ilst).
 * The tone bank keeps moov after mdat, so growing moov moves no audio and
 * the chunk offsets in stco/co64 stay valid without being rewritten.
 */
import { ByteWriter, concatBytes, latin1Bytes, utf8Bytes } from "./byte-writer.js";
import { box, fullBox, readBoxes } from "./mp4-boxes.js";
import type { TaggedAudio, TrackTags } from "./track-tags.js";

// Well-known types of the iTunes `data` atom.
const DATA_IMPLICIT = 0;
const DATA_UTF8 = 1;
const DATA_PNG = 14;

/**
 * Replaces the tags of an M4A file whose moov follows its mdat.
 *
 * @throws Error when there is no moov or mdat, or moov comes first (a
 * "faststart" file, whose chunk offsets would need shifting).
 */
export function tagM4a(m4a: Uint8Array, tags: TrackTags): TaggedAudio {
  const top = readBoxes(m4a);
  const moov = top.find((b) => b.type === "moov");
  const mdat = top.find((b) => b.type === "mdat");
  if (moov === undefined || mdat === undefined)
    throw new Error("Not an M4A file: no moov or mdat.");
  if (moov.start < mdat.start) {
    throw new Error("The M4A has moov before mdat; regenerate the tone bank without faststart.");
  }

  // Drop the old moov-level udta (ffmpeg writes an empty one) and append ours.
  const children = readBoxes(m4a, moov.payloadStart, moov.end)
    .filter((child) => child.type !== "udta")
    .map((child) => m4a.subarray(child.start, child.end));
  const newMoov = box("moov", ...children, encodeUserData(tags));
  const bytes = concatBytes([m4a.subarray(0, moov.start), newMoov, m4a.subarray(moov.end)]);
  return { bytes, audioStart: mdat.payloadStart, audioEnd: mdat.end };
}

function encodeUserData(tags: TrackTags): Uint8Array {
  const items = [
    textItem("\u00a9nam", tags.title),
    textItem("\u00a9ART", tags.artist),
    textItem("aART", tags.albumArtist),
    textItem("\u00a9alb", tags.album),
    dataItem(
      "trkn",
      DATA_IMPLICIT,
      new ByteWriter().u16be(0).u16be(tags.trackNumber).u16be(tags.trackCount).u16be(0).toBytes(),
    ),
    dataItem(
      "disk",
      DATA_IMPLICIT,
      new ByteWriter().u16be(0).u16be(tags.discNumber).u16be(tags.discCount).toBytes(),
    ),
    textItem("\u00a9day", String(tags.year).padStart(4, "0")),
    textItem("\u00a9gen", tags.genre),
  ];
  if (tags.cover !== undefined) items.push(dataItem("covr", DATA_PNG, tags.cover.data));

  const handler = fullBox(
    "hdlr",
    0,
    0,
    new ByteWriter().u32be(0).toBytes(), // pre_defined
    latin1Bytes("mdirappl"), // handler type "mdir", then the "appl" reserved word iTunes writes
    new Uint8Array(9), // two reserved words and an empty name
  );
  return box("udta", fullBox("meta", 0, 0, handler, box("ilst", ...items)));
}

function textItem(type: string, text: string): Uint8Array {
  return dataItem(type, DATA_UTF8, utf8Bytes(text));
}

function dataItem(type: string, dataType: number, payload: Uint8Array): Uint8Array {
  // `data`: a type indicator (here in the flags), a 4-byte locale, the value.
  return box(type, fullBox("data", 0, dataType, new Uint8Array(4), payload));
}
