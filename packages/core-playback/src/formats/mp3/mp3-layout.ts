/**
 * What the head of an MP3 says about the whole stream: where the audio
 * starts, how it is framed, and how many samples to trim at each end.
 */
import { averageFrameLength, type MpegFrameHeader } from "./mpeg-frame-header.js";
import type { VbrHeader } from "./vbr-header.js";

/**
 * Samples mpg123's layer III synthesis adds before the first encoded sample
 * (measured with this build: a LAME file's audio starts at delay + 529).
 */
export const MPG123_DECODER_DELAY = 529;

/** The stream's framing, learnt at open. */
export interface Mp3Layout {
  /** The first frame's header; every later frame must be compatible with it. */
  reference: MpegFrameHeader;
  /** File offset of the Xing/Info/VBRI frame, when there is one. */
  infoFrameOffset: number | undefined;
  /** File offset of audio frame 0. */
  firstAudioOffset: number;
  vbr: VbrHeader | undefined;
  samplesPerFrame: number;
  /** Decoded samples before the track's first sample (encoder + decoder delay). */
  startTrim: number;
  /** Audio frames in the file (the information frame not counted), when stored. */
  audioFrameCount: number | undefined;
  /** The track's length in samples per channel after trimming, when known. */
  totalFrames: number | undefined;
  /** True for LAME's `Info` (constant bitrate); false for Xing/VBRI; undefined when nothing says. */
  constantBitrate: boolean | undefined;
  /** Mean bytes per audio frame: from the Xing/VBRI counts, else from the first header. */
  averageFrameBytes: number;
}

/**
 * Builds the layout from the first frame and its information header.
 *
 * Delay and padding are trimmed only when a LAME tag states them (as
 * mpg123's gapless mode and FFmpeg do); without one the decoded output is
 * kept whole.
 */
export function describeLayout(
  firstFrameOffset: number,
  header: MpegFrameHeader,
  vbr: VbrHeader | undefined,
): Mp3Layout {
  const samplesPerFrame = header.samplesPerFrame;
  const audioFrameCount = vbr?.frameCount;
  const rawTotal = audioFrameCount === undefined ? undefined : audioFrameCount * samplesPerFrame;
  const trims = vbr?.encoderDelay !== undefined && header.layer === 3;
  const startTrim = trims ? (vbr?.encoderDelay ?? 0) + MPG123_DECODER_DELAY : 0;
  let totalFrames = rawTotal;
  if (rawTotal !== undefined && trims) {
    const content = rawTotal - (vbr?.encoderDelay ?? 0) - (vbr?.encoderPadding ?? 0);
    totalFrames = Math.max(0, Math.min(content, rawTotal - startTrim));
  }
  const counted =
    vbr?.byteCount !== undefined && audioFrameCount !== undefined && audioFrameCount > 0
      ? vbr.byteCount / (audioFrameCount + 1)
      : undefined;
  return {
    reference: header,
    infoFrameOffset: vbr === undefined ? undefined : firstFrameOffset,
    firstAudioOffset: vbr === undefined ? firstFrameOffset : firstFrameOffset + header.frameLength,
    vbr,
    samplesPerFrame,
    startTrim,
    audioFrameCount,
    totalFrames,
    constantBitrate: vbr === undefined ? undefined : vbr.kind === "info",
    averageFrameBytes: counted ?? averageFrameLength(header),
  };
}
