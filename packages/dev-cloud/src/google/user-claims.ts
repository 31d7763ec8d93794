import type { DevUser } from "../context.js";
import { GOOGLE_SCOPES } from "./google-scopes.js";

/** The OpenID Connect claims Google's userinfo endpoint and id tokens carry. */
export interface GoogleUserClaims {
  sub: string;
  name?: string;
  given_name?: string;
  family_name?: string;
  picture?: string;
  email?: string;
  email_verified?: boolean;
}

/**
 * The claims a token with `scopes` may see: `sub` always, the profile claims
 * with `userinfo.profile`, the email claims with `userinfo.email` — the same
 * split Google makes, so a client that forgets `email` finds out here.
 */
export function userClaims(user: DevUser, scopes: readonly string[]): GoogleUserClaims {
  const claims: GoogleUserClaims = { sub: user.id };
  if (scopes.includes(GOOGLE_SCOPES.userinfoProfile)) {
    const [given, ...rest] = user.displayName.split(" ");
    claims.name = user.displayName;
    if (given !== undefined && given !== "") claims.given_name = given;
    if (rest.length > 0) claims.family_name = rest.join(" ");
    claims.picture = avatarDataUrl(user.displayName);
  }
  if (scopes.includes(GOOGLE_SCOPES.userinfoEmail)) {
    claims.email = user.email;
    claims.email_verified = true;
  }
  return claims;
}

/**
 * A self-contained avatar (an initial on a circle). A data URL instead of
 * Google's `lh3.googleusercontent.com` link keeps tests and demos offline.
 */
function avatarDataUrl(displayName: string): string {
  const initial = (displayName.trim()[0] ?? "?").toUpperCase().replace(/[<>&"']/g, "?");
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96">` +
    `<circle cx="48" cy="48" r="48" fill="#5b6abf"/>` +
    `<text x="48" y="62" font-size="44" text-anchor="middle" fill="#fff" font-family="sans-serif">${initial}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
