/** Tags an untagged MP3 by putting an ID3v2.4 tag in front of its first frame. */
import { concatBytes, readLatin1 } from "./byte-writer.js";
import { encodeId3v2Tag } from "./id3v2-tag.js";
import type { TaggedAudio, TrackTags } from "./track-tags.js";

/**
 * Prepends an ID3v2.4 tag to MP3 frames. MPEG frames need no offsets
 * fixed: the Xing/LAME frame counts audio bytes, which do not change.
 *
 * @param untagged - MP3 frames with no ID3 tag (a tone bank file).
 * @throws Error when `untagged` already starts with an ID3v2 tag.
 */
export function tagMp3(untagged: Uint8Array, tags: TrackTags): TaggedAudio {
  if (readLatin1(untagged, 0, 3) === "ID3") {
    throw new Error("The MP3 already has an ID3v2 tag; the tone bank must be untagged.");
  }
  const tag = encodeId3v2Tag(tags);
  const bytes = concatBytes([tag, untagged]);
  return { bytes, audioStart: tag.length, audioEnd: bytes.length };
}
