import { timingSafeEqual } from "node:crypto";

/**
 * Compares two strings in time that does not depend on where they differ,
 * for secrets and proofs a caller could otherwise guess byte by byte.
 */
export function timingSafeTextEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}
