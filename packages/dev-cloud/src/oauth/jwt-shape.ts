import type { SeededRandom } from "../context.js";

/**
 * Joins a header, claims and signature into a compact JWT
 * (`base64url(header).base64url(claims).signature`), for clients that
 * decode tokens. Nothing is signed here.
 *
 * @param header - The JOSE header, serialised in its own key order.
 * @param claims - The payload.
 * @param signature - The third segment, as is (`""` for `alg: "none"`).
 */
export function encodeJwt(header: object, claims: object, signature: string): string {
  return `${base64UrlJson(header)}.${base64UrlJson(claims)}.${signature}`;
}

/** What a real Entra token's header looks like, minus the real key id. */
const RS256_HEADER = { typ: "JWT", alg: "RS256", kid: "dev-cloud" };

/**
 * A token shaped like a signed JWT (`eyJ…header.payload.signature`) whose
 * claims a client may decode. The signature is random: the emulator looks
 * tokens up in its store instead of verifying them.
 *
 * @param claims - The payload.
 * @param random - Source of the fake signature.
 */
export function mintJwtShapedToken(claims: Record<string, unknown>, random: SeededRandom): string {
  return encodeJwt(RS256_HEADER, claims, random.token(86));
}

function base64UrlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}
