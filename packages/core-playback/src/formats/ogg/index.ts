/**
 * Ogg decoding: Vorbis and Opus streams, placed by granule positions, seeking
 * by bisection over page granules.
 */
import type { FormatModule } from "../../decoding/decode-contract.js";
import { openOggStream } from "./ogg-open.js";

/**
 * The Ogg Vorbis {@link FormatModule}. It opens whatever supported codec the
 * stream holds (so an `ogg-opus` file given to it still plays); an Ogg stream
 * of another codec is rejected with `playback/unsupported-codec`.
 */
export const oggVorbisModule: FormatModule = { open: openOggStream };

/** The Ogg Opus {@link FormatModule}; same behaviour as {@link oggVorbisModule}. */
export const oggOpusModule: FormatModule = { open: openOggStream };
