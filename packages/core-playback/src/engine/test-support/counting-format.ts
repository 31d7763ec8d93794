/**
 * A format module for engine tests whose sample values are their own frame
 * numbers, so a test can tell exactly which frames were played. Opened over
 * any reader whose bytes sniff as WAV.
 */
import { PlayerError } from "@player/core-runtime";
import type {
  DecodedPiece,
  DecodeIssue,
  DecodeStream,
  FormatModule,
} from "../../decoding/decode-contract.js";

export interface CountingFormatOptions {
  totalFrames: number;
  /** The stream's rate; a function is asked at every open. */
  sampleRate: number | (() => number);
  channels?: number;
  /** Frames per piece (default 4800). */
  pieceFrames?: number;
  /** `next()` calls (1-based) that fail with a retryable `playback/source-failed`. */
  failingCalls?: ReadonlySet<number>;
  /** Issues attached to the piece starting at a frame. */
  issuesAt?: ReadonlyMap<number, DecodeIssue>;
}

/** Counts calls so tests can check what the engine asked for. */
export interface CountingFormat extends FormatModule {
  readonly calls: { next: number; seeks: number[]; closed: number; reentered: number };
}

export function countingFormat(options: CountingFormatOptions): CountingFormat {
  const calls = { next: 0, seeks: [] as number[], closed: 0, reentered: 0 };
  // Real streams are not re-entrant: count any call made while another is running.
  let busy = false;
  const exclusive = async <T>(work: () => Promise<T> | T): Promise<T> => {
    if (busy) calls.reentered++;
    busy = true;
    try {
      await new Promise((resolve) => setTimeout(resolve, 0));
      return await work();
    } finally {
      busy = false;
    }
  };
  const pieceFrames = options.pieceFrames ?? 4800;
  const channelCount = options.channels ?? 2;
  return {
    calls,
    async open(): Promise<DecodeStream> {
      let frame = 0;
      return {
        info: {
          format: "wav",
          codec: "counting",
          sampleRate:
            typeof options.sampleRate === "function" ? options.sampleRate() : options.sampleRate,
          channels: channelCount,
          totalFrames: options.totalFrames,
        },
        next(signal): Promise<DecodedPiece | null> {
          return exclusive(() => nextPiece(signal));
        },
        seek(target) {
          return exclusive(() => {
            calls.seeks.push(target);
            frame = Math.min(Math.max(0, target), options.totalFrames);
          });
        },
        close() {
          calls.closed++;
        },
      };
      function nextPiece(signal: AbortSignal | undefined): DecodedPiece | null {
        signal?.throwIfAborted();
        calls.next++;
        if (options.failingCalls?.has(calls.next))
          throw new PlayerError("playback/source-failed", "injected read failure", {
            retryable: true,
          });
        if (frame >= options.totalFrames) return null;
        const length = Math.min(pieceFrames, options.totalFrames - frame);
        const channels = Array.from({ length: channelCount }, () => {
          const data = new Float32Array(length);
          for (let i = 0; i < length; i++) data[i] = frame + i;
          return data;
        });
        const issue = options.issuesAt?.get(frame);
        const piece = { channels, startFrame: frame, issues: issue === undefined ? [] : [issue] };
        frame += length;
        return piece;
      }
    },
  };
}

/** Bytes that sniff as WAV, for a reader the counting format is opened over. */
export function wavLookingBytes(): Uint8Array {
  const bytes = new Uint8Array(64);
  bytes.set([...new TextEncoder().encode("RIFF")], 0);
  bytes.set([...new TextEncoder().encode("WAVE")], 8);
  return bytes;
}
