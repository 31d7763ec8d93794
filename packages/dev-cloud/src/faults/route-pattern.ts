/**
 * Compiles a fault rule's `route` into a path predicate.
 *
 * - Without `*` or a `:name` segment, the route is a prefix on segment
 *   boundaries: `/google/drive` covers `/google/drive` and `/google/drive/v3/files`
 *   but not `/google/drivers`.
 * - Otherwise it must match the whole path: `*` and `:name` match within one
 *   segment, `**` matches across segments.
 *
 * @param route - A path starting with `/`.
 * @returns A predicate over URL pathnames.
 *
 * @example
 * ```ts
 * compileRoutePattern("/graph/v1.0/me/drive/items/:id/content")("/graph/v1.0/me/drive/items/01A/content"); // true
 * compileRoutePattern("/graph-download/**")("/graph-download/abc"); // true
 * ```
 */
export function compileRoutePattern(route: string): (pathname: string) => boolean {
  const isPattern = route.includes("*") || route.split("/").some((part) => part.startsWith(":"));
  if (!isPattern) {
    const prefix = route.endsWith("/") ? route : `${route}/`;
    return (pathname) => pathname === route || pathname.startsWith(prefix) || route === "/";
  }
  const source = route
    .split("/")
    .map((segment) => {
      if (segment.startsWith(":")) return "[^/]+";
      return segment
        .split("**")
        .map((part) => part.split("*").map(escapeRegExp).join("[^/]*"))
        .join(".*");
    })
    .join("/");
  const regExp = new RegExp(`^${source}$`);
  return (pathname) => regExp.test(pathname);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
