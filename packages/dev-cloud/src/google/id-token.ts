import type { DevUser } from "../context.js";
import { encodeJwt } from "../oauth/jwt-shape.js";
import { userClaims } from "./user-claims.js";

/** What an id token is made from. */
export interface IdTokenInput {
  clientId: string;
  user: DevUser;
  scopes: readonly string[];
  /** Server-clock time of issue, in ms. */
  issuedAtMs: number;
  /** The `nonce` of the authorization request, echoed as OpenID Connect requires. */
  nonce?: string | undefined;
}

/** Lifetime Google gives id tokens: one hour. */
const ID_TOKEN_LIFETIME_S = 3600;

/**
 * Builds an id token with Google's claims. It is unsigned (`alg: "none"`,
 * empty signature): well-formed for decoders, but honest that nothing here
 * can be verified — the emulator has no key to publish.
 */
export function createIdToken(input: IdTokenInput): string {
  const iat = Math.floor(input.issuedAtMs / 1000);
  const payload: Record<string, unknown> = {
    iss: "https://accounts.google.com",
    azp: input.clientId,
    aud: input.clientId,
    ...userClaims(input.user, input.scopes),
    iat,
    exp: iat + ID_TOKEN_LIFETIME_S,
  };
  if (input.nonce !== undefined) payload.nonce = input.nonce;
  return encodeJwt({ alg: "none", typ: "JWT" }, payload, "");
}
