import type { IncomingMessage } from "node:http";

/** Largest body the OAuth endpoints read; a form of a few parameters is far smaller. */
const MAX_BODY_BYTES = 64 * 1024;

/** The result of {@link readFormBody}. */
export type FormBodyResult =
  | { ok: true; params: URLSearchParams }
  | { ok: false; reason: "too-large" | "malformed" };

/**
 * Reads a request body as form parameters. Accepts
 * `application/x-www-form-urlencoded` (what OAuth clients send) and, like
 * Google's token endpoint, a flat JSON object; other types read as empty.
 */
export async function readFormBody(request: IncomingMessage): Promise<FormBodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Keep draining so the client sees our answer rather than a reset connection.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) return { ok: false, reason: "too-large" };
  const text = Buffer.concat(chunks).toString("utf8");
  const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "application/json") return parseJsonForm(text);
  if (type === "application/x-www-form-urlencoded" || type === "") {
    return { ok: true, params: new URLSearchParams(text) };
  }
  return { ok: true, params: new URLSearchParams() };
}

function parseJsonForm(text: string): FormBodyResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, reason: "malformed" };
  }
  const params = new URLSearchParams();
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === "string" || typeof field === "number" || typeof field === "boolean") {
      params.set(key, String(field));
    }
  }
  return { ok: true, params };
}
