/** `/microsoft/{tenant}/oauth2/v2.0/token`; the tenant is any one segment. */
const MICROSOFT_TOKEN_PATH = /^\/microsoft\/[^/]+\/oauth2\/v2\.0\/token$/;

/**
 * True for the emulated OAuth token endpoints: Google's `/google/token`, the
 * host app's `/app/google/token` and Microsoft's `/microsoft/{tenant}/oauth2/v2.0/token`.
 *
 * @param pathname - A URL path, not decoded.
 */
export function isTokenEndpoint(pathname: string): boolean {
  return (
    pathname === "/google/token" ||
    pathname === "/app/google/token" ||
    MICROSOFT_TOKEN_PATH.test(pathname)
  );
}
