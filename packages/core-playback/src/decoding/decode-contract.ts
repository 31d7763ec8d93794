/**
 * The contract between the playback engine and the per-format decoding
 * modules (MP3, FLAC, Ogg Vorbis, Ogg Opus, WAV, MP4/AAC). Each module turns
 * the bytes of one file, read through a {@link ByteReader}, into PCM with
 * exact sample positions, and can reposition sample-exactly.
 */
import type { SniffedFormat } from "../format-sniffer.js";

/** Random access to the bytes of one file (read-ahead and retries live behind it). */
export interface ByteReader {
  /** The file's size in bytes, when known before reading it all. */
  readonly size: number | undefined;
  /**
   * Reads `start` (inclusive) to `end` (exclusive). Returns fewer bytes only
   * at the end of the file; an empty array means `start` is at or past it.
   */
  read(start: number, end: number, signal?: AbortSignal): Promise<Uint8Array>;
}

/** What a decoding module learned from a file's headers. */
export interface StreamInfo {
  format: SniffedFormat;
  /** Codec name for diagnostics: `mp3`, `flac`, `vorbis`, `opus`, `pcm-s16`, `pcm-f32`, `aac`, … */
  codec: string;
  /** The decoded PCM's rate (Opus: always 48 000). */
  sampleRate: number;
  channels: number;
  /** Total frames (samples per channel) after encoder delay and padding are trimmed, when the headers say. */
  totalFrames: number | undefined;
  /** Bits per sample of the source, when meaningful (FLAC, WAV). */
  bitsPerSample?: number;
}

/** A non-fatal problem met while decoding: the stream goes on. */
export interface DecodeIssue {
  kind: "corrupt-data" | "truncated";
  message: string;
  /** The frame position (samples per channel from the track's start) it was met at, when known. */
  frame?: number;
}

/** A run of decoded PCM. */
export interface DecodedPiece {
  /** One array per channel, all the same length (may be 0 when only issues are reported). */
  channels: Float32Array[];
  /** Position of `channels[*][0]` from the track's start, in frames, after delay trimming. */
  startFrame: number;
  issues: DecodeIssue[];
}

/** The decoding of one file: pull PCM in order, reposition sample-exactly. */
export interface DecodeStream {
  readonly info: StreamInfo;
  /**
   * The next decoded PCM in order, or `null` once the stream has ended.
   * Reads bytes through the reader as it needs them, in chunks; never holds
   * the whole file.
   */
  next(signal?: AbortSignal): Promise<DecodedPiece | null>;
  /**
   * Repositions so that the next piece starts exactly at `frame` (clamped to
   * the stream's length), using the format's index and dropping decoded
   * samples before the target. Reads only the bytes it needs.
   */
  seek(frame: number, signal?: AbortSignal): Promise<void>;
  /** Frees the decoder's memory (WASM heap). The stream is unusable afterwards. */
  close(): void;
}

/** Options of {@link FormatModule.open}. */
export interface OpenStreamOptions {
  /** Bytes per sequential read once playing (default 64 KiB). */
  chunkBytes?: number;
  /** Bytes of the very first read, smaller for a fast first sound (default 16 KiB). */
  firstChunkBytes?: number;
  signal?: AbortSignal;
}

/** One format's decoding module; loaded lazily (dynamic import) only when a file needs it. */
export interface FormatModule {
  /** Opens a stream over a file whose first bytes sniffed as this module's format. */
  open(reader: ByteReader, options?: OpenStreamOptions): Promise<DecodeStream>;
}
