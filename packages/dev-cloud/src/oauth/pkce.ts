import { createHash } from "node:crypto";
import { timingSafeTextEqual } from "./timing-safe-text.js";

/** How a PKCE challenge is derived from its verifier (RFC 7636 §4.2). */
export type PkceMethod = "S256" | "plain";

/** RFC 7636: verifiers and challenges are 43 to 128 characters from the unreserved set. */
const PKCE_VALUE = /^[A-Za-z0-9._~-]{43,128}$/;

/** True when a `code_verifier` or `code_challenge` has a legal length and alphabet. */
export function isWellFormedPkceValue(value: string): boolean {
  return PKCE_VALUE.test(value);
}

/**
 * Checks a PKCE verifier against the challenge from the authorization request.
 *
 * @param verifier - `code_verifier` from the token request.
 * @param challenge - `code_challenge` from the authorization request.
 * @param method - `S256` (BASE64URL(SHA256(verifier))) or `plain` (equal strings).
 */
export function verifierMatches(verifier: string, challenge: string, method: PkceMethod): boolean {
  const derived =
    method === "S256"
      ? createHash("sha256").update(verifier, "ascii").digest("base64url")
      : verifier;
  return timingSafeTextEqual(derived, challenge);
}
