/**
 * Opaque tokens for paging and delta cursors: base64url JSON. Clients must
 * treat them as opaque (as Graph's are); the emulator reads them back.
 */

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Encodes a JSON-serialisable value as an opaque base64url string.
 *
 * @param value - The cursor state to carry.
 */
export function encodeOpaqueToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

/**
 * Decodes a token made by {@link encodeOpaqueToken}; `undefined` when it is
 * not base64url JSON. Callers still validate the shape.
 *
 * @param token - The string a client sent back.
 */
export function decodeOpaqueToken(token: string): unknown {
  // Buffer's decoder skips invalid characters, so check the alphabet first.
  if (!BASE64URL.test(token)) return undefined;
  try {
    return JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
}

/** True for a plain (non-array) object, narrowed so its fields can be read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True for a finite, non-negative integer. */
export function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}
