import type { ServerResponse } from "node:http";

/**
 * Escapes text for HTML element content and double-quoted attribute values.
 *
 * @example
 * ```ts
 * `<input value="${escapeHtml(value)}">`;
 * ```
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** What {@link renderHtmlPage} puts in the document. */
export interface HtmlPage {
  /** Plain text; escaped here. */
  title: string;
  /** Markup for `<body>`, already escaped. */
  body: string;
  /** Markup for `<head>` after the title (styles, meta tags), one line each. */
  head?: readonly string[];
}

/** A complete UTF-8 HTML document (`<!doctype html>`, `lang="en"`) around `page.body`. */
export function renderHtmlPage(page: HtmlPage): string {
  const head = ['<meta charset="utf-8">', `<title>${escapeHtml(page.title)}</title>`];
  head.push(...(page.head ?? []));
  return `<!doctype html>
<html lang="en">
<head>
${head.join("\n")}
</head>
<body>
${page.body}
</body>
</html>
`;
}

/**
 * Sends an HTML page, never cached.
 *
 * @param response - The response to finish.
 * @param status - HTTP status code.
 * @param html - The document.
 * @param headers - Extra headers, e.g. `X-Frame-Options`.
 */
export function sendHtml(
  response: ServerResponse,
  status: number,
  html: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  response.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(html),
    "Cache-Control": "no-store",
    ...headers,
  });
  response.end(html);
}
