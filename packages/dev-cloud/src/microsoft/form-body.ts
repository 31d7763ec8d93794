import type { IncomingMessage } from "node:http";

/** OAuth forms are tiny; a bigger body is a client bug, not a form. */
const MAX_FORM_BYTES = 64 * 1024;

/** The result of {@link readFormBody}. */
export type FormBodyResult =
  | { kind: "form"; fields: URLSearchParams }
  | { kind: "not-form" }
  | { kind: "too-large" };

/**
 * Reads an `application/x-www-form-urlencoded` request body.
 *
 * @param request - The incoming POST.
 * @returns The fields; `not-form` for another content type (the caller then
 *   reports the missing parameters, as Entra does); `too-large` past 64 KiB.
 */
export async function readFormBody(request: IncomingMessage): Promise<FormBodyResult> {
  const mediaType = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    // Keep draining so the connection stays usable, but stop buffering.
    if (size <= MAX_FORM_BYTES) chunks.push(buffer);
  }
  if (size > MAX_FORM_BYTES) return { kind: "too-large" };
  if (mediaType !== "application/x-www-form-urlencoded") return { kind: "not-form" };
  return { kind: "form", fields: new URLSearchParams(Buffer.concat(chunks).toString("utf8")) };
}
