import { createHash, timingSafeEqual } from "node:crypto";

/** RFC 7636: a verifier is 43 to 128 characters from the unreserved set. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** True when `verifier` has a legal length and alphabet. */
export function isWellFormedVerifier(verifier: string): boolean {
  return VERIFIER.test(verifier);
}

/**
 * Checks a PKCE verifier against the challenge from the authorization request.
 *
 * @param verifier - `code_verifier` from the token request.
 * @param challenge - `code_challenge` from the authorization request.
 * @param method - `S256` (BASE64URL(SHA256(verifier))) or `plain` (equal strings).
 */
export function verifierMatches(
  verifier: string,
  challenge: string,
  method: "S256" | "plain",
): boolean {
  const expected =
    method === "S256"
      ? createHash("sha256").update(verifier, "ascii").digest("base64url")
      : verifier;
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(challenge, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
