/** A `Content-Range` that describes the bytes sent: `bytes 0-499/1234`. */
export interface SatisfiedContentRange {
  kind: "range";
  /** First byte sent, inclusive. */
  start: number;
  /** Last byte sent, inclusive. */
  end: number;
  /** Size of the whole resource, `undefined` when the server sent `*`. */
  totalSize: number | undefined;
}

/** A `Content-Range` sent with a 416: `bytes *\/1234`. */
export interface UnsatisfiedContentRange {
  kind: "unsatisfied";
  /** Size of the whole resource. */
  totalSize: number;
}

/** A parsed `Content-Range` header. */
export type ContentRange = SatisfiedContentRange | UnsatisfiedContentRange;

const CONTENT_RANGE = /^bytes\s+(?:(\d+)-(\d+)|\*)\/(\d+|\*)$/i;

function toSafeInteger(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/**
 * Parses a `Content-Range` response header (RFC 9110 §14.4) in bytes.
 *
 * @param value - The raw header value (`null` when the header is absent).
 * @returns The range, or `undefined` when the header is absent, not in bytes,
 *   or inconsistent (`start > end`, `end >= totalSize`, `*\/*`).
 *
 * @example
 * ```ts
 * parseContentRange("bytes 0-499/1234"); // { kind: "range", start: 0, end: 499, totalSize: 1234 }
 * parseContentRange("bytes *\/1234"); // { kind: "unsatisfied", totalSize: 1234 }
 * ```
 */
export function parseContentRange(value: string | null | undefined): ContentRange | undefined {
  if (value === null || value === undefined) return undefined;
  const match = CONTENT_RANGE.exec(value.trim());
  if (match === null) return undefined;
  const [, startText, endText, totalText] = match;
  const totalSize = totalText === "*" ? undefined : toSafeInteger(totalText);
  if (totalText !== "*" && totalSize === undefined) return undefined;
  if (startText === undefined) {
    return totalSize === undefined ? undefined : { kind: "unsatisfied", totalSize };
  }
  const start = toSafeInteger(startText);
  const end = toSafeInteger(endText);
  if (start === undefined || end === undefined || start > end) return undefined;
  if (totalSize !== undefined && end >= totalSize) return undefined;
  return { kind: "range", start, end, totalSize };
}
