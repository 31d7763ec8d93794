/**
 * Deliberately broken files, for exercising the player's error paths: the
 * kinds of damage real libraries have (interrupted uploads, bit rot, a web
 * page saved under an audio name).
 */
import type { BrokenKind } from "../library/library-types.js";
import { utf8Bytes } from "./byte-writer.js";
import { createSeededRandom } from "./seeded-random.js";
import type { TaggedAudio } from "./track-tags.js";

/** A truncated file keeps this share of its bytes. */
export const TRUNCATED_FRACTION = 0.4;
/** Where the junk span of a corrupt file starts and how long it is, as shares of the audio payload. */
export const CORRUPT_SPAN = Object.freeze({ start: 0.4, length: 0.2 });
/** A not-audio file is at least this long. */
const NOT_AUDIO_MIN_BYTES = 3072;

/**
 * Breaks a rendered file.
 *
 * - `truncated`: the first 40% of the bytes, as an interrupted upload leaves.
 * - `corrupt`: same length, headers and tags intact, 20% of the audio
 *   payload (from 40% in) overwritten with junk from `seed`.
 * - `not-audio`: an HTML error page a few kilobytes long, whatever the name.
 *
 * @param seed - Makes the junk (and so the bytes) the same on every render.
 */
export function breakFile(
  audio: TaggedAudio,
  kind: BrokenKind,
  seed: number,
  title: string,
): Uint8Array {
  switch (kind) {
    case "truncated":
      return audio.bytes.slice(0, Math.floor(audio.bytes.length * TRUNCATED_FRACTION));
    case "corrupt":
      return corrupt(audio, seed);
    case "not-audio":
      return notAudio(title);
  }
}

function corrupt(audio: TaggedAudio, seed: number): Uint8Array {
  const bytes = audio.bytes.slice();
  const payload = audio.audioEnd - audio.audioStart;
  const start = audio.audioStart + Math.floor(payload * CORRUPT_SPAN.start);
  const end = start + Math.floor(payload * CORRUPT_SPAN.length);
  const random = createSeededRandom(seed);
  for (let i = start; i < end; i++) bytes[i] = random() & 0xff;
  return bytes;
}

function notAudio(title: string): Uint8Array {
  const escaped = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const head = [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    "<title>Error 404 (Not Found)</title>",
    "</head>",
    "<body>",
    "<h1>404. That's an error.</h1>",
    `<p>The requested file <b>${escaped}</b> was not found on this server.</p>`,
  ].join("\n");
  const filler: string[] = [];
  let length = head.length;
  for (let line = 1; length < NOT_AUDIO_MIN_BYTES; line++) {
    const text = `<p class="log">request ${line}: the download was replaced by this page.</p>`;
    filler.push(text);
    length += text.length + 1;
  }
  return utf8Bytes(`${head}\n${filler.join("\n")}\n</body>\n</html>\n`);
}
