/**
 * The MP3 format module: MPEG audio (layer III, and layers I/II) decoded
 * by mpg123, with our own frame parsing for exact trimming and seeking.
 */
import type { FormatModule } from "../../decoding/decode-contract.js";
import { type Mp3ModuleOptions, openMp3Stream } from "./mp3-open.js";

export type { Mp3ModuleOptions } from "./mp3-open.js";

/**
 * An MP3 module with non-default tuning (tests use it to force table seeks).
 *
 * @example
 * ```ts
 * const module = createMp3Module({ forwardScanLimitBytes: 0 });
 * const stream = await module.open(reader);
 * ```
 */
export function createMp3Module(options: Mp3ModuleOptions = {}): FormatModule {
  return { open: (reader, openOptions) => openMp3Stream(reader, openOptions, options) };
}

/**
 * Decodes MP3 files: skips ID3v2/ID3v1/APE tags, trims the LAME encoder
 * delay and padding, seeks sample-exactly through a frame index (constant
 * bitrate: by arithmetic; far variable-bitrate seeks: through the Xing/VBRI
 * table, an estimate).
 */
export const mp3Module: FormatModule = createMp3Module();
