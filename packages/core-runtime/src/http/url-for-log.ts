/**
 * The URL without its query string and fragment, for logs and error details:
 * Drive and OneDrive URLs may carry tokens or signed parameters in the query.
 *
 * @example
 * ```ts
 * urlForLog("https://host/file?access_token=abc#x"); // "https://host/file"
 * ```
 */
export function urlForLog(url: string | URL): string {
  const text = typeof url === "string" ? url : url.href;
  const cut = text.search(/[?#]/);
  return cut < 0 ? text : text.slice(0, cut);
}
