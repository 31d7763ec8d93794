/**
 * A WAV as a {@link DecodeStream}: samples are read straight from their
 * byte range, so a seek is arithmetic and reads nothing until played.
 */
import { PlayerError } from "@player/core-runtime";
import type {
  ByteReader,
  DecodedPiece,
  DecodeIssue,
  DecodeStream,
  StreamInfo,
} from "../../decoding/decode-contract.js";
import { pcmToFloat } from "./pcm-samples.js";
import { wavCodecName } from "./wav-format.js";
import type { WavLayout } from "./wav-layout.js";

export class WavDecodeStream implements DecodeStream {
  readonly info: StreamInfo;
  /** Frame the next piece starts at. */
  private position = 0;
  /** Bytes already fetched (the header read's tail) and the file offset they start at. */
  private pending: { offset: number; bytes: Uint8Array } | undefined;
  private ended = false;
  private closed = false;
  private readonly framesPerRead: number;

  constructor(
    private readonly reader: ByteReader,
    private readonly layout: WavLayout,
    chunkBytes: number,
  ) {
    const { format, dataStart, dataEnd } = layout;
    this.info = {
      format: "wav",
      codec: wavCodecName(format),
      sampleRate: format.sampleRate,
      channels: format.channels,
      totalFrames:
        dataEnd === undefined ? undefined : Math.floor((dataEnd - dataStart) / format.blockAlign),
      bitsPerSample: format.validBits,
    };
    this.framesPerRead = Math.max(1, Math.floor(chunkBytes / format.blockAlign));
    if (layout.head.length >= format.blockAlign) {
      this.pending = { offset: dataStart, bytes: layout.head };
    }
  }

  async next(signal?: AbortSignal): Promise<DecodedPiece | null> {
    this.assertOpen();
    const total = this.info.totalFrames;
    if (this.ended || (total !== undefined && this.position >= total)) return null;
    const { blockAlign } = this.layout.format;
    const start = this.layout.dataStart + this.position * blockAlign;
    const frames =
      total === undefined
        ? this.framesPerRead
        : Math.min(this.framesPerRead, total - this.position);
    const wanted = frames * blockAlign;
    const issues: DecodeIssue[] = [];
    let bytes = this.takePending(start, wanted);
    if (bytes === undefined) {
      bytes = await this.reader.read(start, start + wanted, signal);
      if (bytes.length < wanted) {
        this.ended = true;
        if (this.layout.dataSizeDeclared) {
          issues.push({
            kind: "truncated",
            message: "The WAV file ends before the end its data chunk declares.",
            frame: this.position + Math.floor(bytes.length / blockAlign),
          });
        }
      }
    }
    const channels = pcmToFloat(bytes, this.layout.format);
    const startFrame = this.position;
    this.position += channels[0]?.length ?? 0;
    if ((channels[0]?.length ?? 0) === 0 && issues.length === 0) return null;
    return { channels, startFrame, issues };
  }

  async seek(frame: number): Promise<void> {
    this.assertOpen();
    const total = this.info.totalFrames ?? Number.POSITIVE_INFINITY;
    this.position = Math.min(Math.max(Math.floor(frame), 0), total);
    // A truncated file stays truncated, but a seek back into what exists plays again.
    this.ended = false;
  }

  close(): void {
    this.closed = true;
    this.pending = undefined;
  }

  /** Whole frames of the header read's tail when they start at `offset`. */
  private takePending(offset: number, wanted: number): Uint8Array | undefined {
    const pending = this.pending;
    if (pending === undefined || pending.offset !== offset) return undefined;
    const { blockAlign } = this.layout.format;
    const length = Math.floor(Math.min(wanted, pending.bytes.length) / blockAlign) * blockAlign;
    if (length === 0) return undefined;
    const rest = pending.bytes.subarray(length);
    this.pending = rest.length >= blockAlign ? { offset: offset + length, bytes: rest } : undefined;
    return pending.bytes.subarray(0, length);
  }

  private assertOpen(): void {
    if (this.closed) throw new PlayerError("runtime/disposed", "This WAV stream was closed.");
  }
}
