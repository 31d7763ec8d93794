import type { DecodedPiece, DecodeIssue } from "./decode-contract.js";

/** The issues a decode stream met since its last piece, handed out with the next one. */
export class IssueLog {
  #issues: DecodeIssue[] = [];

  /** The issue reported last and not yet handed out. */
  get last(): DecodeIssue | undefined {
    return this.#issues.at(-1);
  }

  add(kind: DecodeIssue["kind"], message: string, frame?: number): void {
    this.#issues.push(frame === undefined ? { kind, message } : { kind, message, frame });
  }

  /** The pending issues, now handed out. */
  drain(): DecodeIssue[] {
    const issues = this.#issues;
    this.#issues = [];
    return issues;
  }

  /** A piece carrying only the pending issues (no audio), or `null` when there are none. */
  piece(channelCount: number, startFrame: number): DecodedPiece | null {
    if (this.#issues.length === 0) return null;
    const channels = Array.from({ length: channelCount }, () => new Float32Array(0));
    return { channels, startFrame, issues: this.drain() };
  }
}
