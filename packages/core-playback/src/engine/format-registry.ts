import { PlayerError } from "@player/core-runtime";
import type { FormatModule } from "../decoding/decode-contract.js";
import type { SniffedFormat } from "../format-sniffer.js";

/** Loads the decoding module of a format; each is a separate chunk, fetched on first use. */
export type FormatLoader = () => Promise<FormatModule>;

/**
 * The format modules, each behind a dynamic import so a worker bundle only
 * loads (and compiles the WASM of) the decoders the user's files need.
 */
export const FORMAT_LOADERS: Readonly<Record<SniffedFormat, FormatLoader>> = Object.freeze({
  mp3: async () => (await import("../formats/mp3/index.js")).mp3Module,
  wav: async () => (await import("../formats/wav/index.js")).wavModule,
  flac: async () => (await import("../formats/flac/index.js")).flacModule,
  "ogg-vorbis": async () => (await import("../formats/ogg/index.js")).oggVorbisModule,
  "ogg-opus": async () => (await import("../formats/ogg/index.js")).oggOpusModule,
  // An Ogg stream the sniffer could not place: the Ogg module reads its
  // first packet itself and rejects codecs it has no decoder for.
  ogg: async () => (await import("../formats/ogg/index.js")).oggVorbisModule,
  mp4: async () => (await import("../formats/mp4/index.js")).mp4Module,
});

/**
 * The module for a sniffed format.
 *
 * @throws PlayerError `playback/unsupported-codec` when no module is registered for it.
 */
export function loaderFor(
  format: SniffedFormat,
  loaders: Partial<Record<SniffedFormat, FormatLoader>> = FORMAT_LOADERS,
): FormatLoader {
  const loader = loaders[format];
  if (loader === undefined)
    throw new PlayerError("playback/unsupported-codec", `No decoder for this ${format} stream`, {
      details: { format },
    });
  return loader;
}
