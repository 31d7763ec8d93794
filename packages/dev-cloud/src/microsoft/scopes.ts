/**
 * The scopes the emulated identity platform knows: three Graph permissions
 * and the OpenID Connect scopes, in short or long (`https://graph.microsoft.com/…`) form.
 */

/** Graph's resource URI; long-form scopes start with it. */
export const GRAPH_RESOURCE = "https://graph.microsoft.com";

const GRAPH_SCOPES = ["Files.Read", "Files.Read.All", "User.Read"] as const;
const OIDC_SCOPES = ["openid", "profile", "email", "offline_access"] as const;

/** A Graph delegated permission the emulator grants. */
export type GraphScope = (typeof GRAPH_SCOPES)[number];
/** An OpenID Connect scope (they shape the token response, not the access token). */
export type OidcScope = (typeof OIDC_SCOPES)[number];

/** A parsed `scope` parameter. */
export interface ScopeSet {
  graph: GraphScope[];
  oidc: OidcScope[];
}

/** The result of {@link parseScopes}. */
export type ScopeParseResult = { ok: true; scopes: ScopeSet } | { ok: false; invalid: string };

/**
 * The permissions the app registration lists. The Azure portal adds
 * `User.Read` to every new registration, and v2 tokens carry every consented
 * scope of the resource, so real tokens for this app always include it.
 */
const CONFIGURED_PERMISSIONS: readonly GraphScope[] = ["User.Read", "Files.Read"];

/**
 * Parses a space-separated `scope` parameter. Names are case-insensitive;
 * `https://graph.microsoft.com/.default` means the configured permissions.
 *
 * @param raw - The parameter as sent (already form-decoded).
 * @returns The recognised scopes, or the first unknown one.
 */
export function parseScopes(raw: string): ScopeParseResult {
  const scopes: ScopeSet = { graph: [], oidc: [] };
  for (const word of raw.split(/\s+/).filter((part) => part.length > 0)) {
    const oidc = OIDC_SCOPES.find((scope) => scope === word.toLowerCase());
    if (oidc !== undefined) {
      if (!scopes.oidc.includes(oidc)) scopes.oidc.push(oidc);
      continue;
    }
    const prefix = `${GRAPH_RESOURCE}/`;
    const name = word.toLowerCase().startsWith(prefix) ? word.slice(prefix.length) : word;
    const found: readonly GraphScope[] =
      name.toLowerCase() === ".default" && name !== word
        ? CONFIGURED_PERMISSIONS
        : GRAPH_SCOPES.filter((scope) => scope.toLowerCase() === name.toLowerCase());
    if (found.length === 0) return { ok: false, invalid: word };
    for (const scope of found) if (!scopes.graph.includes(scope)) scopes.graph.push(scope);
  }
  return { ok: true, scopes };
}

/** The Graph scopes a consented grant carries: those requested plus `User.Read`. */
export function grantedGraphScopes(requested: readonly GraphScope[]): GraphScope[] {
  return requested.includes("User.Read") ? [...requested] : [...requested, "User.Read"];
}

/** Long form, space-separated, as the token response's `scope` field has them. */
export function formatLongScopes(scopes: readonly GraphScope[]): string {
  return scopes.map((scope) => `${GRAPH_RESOURCE}/${scope}`).join(" ");
}

/** True when the scopes allow reading the user's drive. */
export function canReadFiles(scopes: readonly GraphScope[]): boolean {
  return scopes.includes("Files.Read") || scopes.includes("Files.Read.All");
}
