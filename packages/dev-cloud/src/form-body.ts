import type { IncomingMessage } from "node:http";

/** Largest body read as a form: OAuth forms hold a few parameters, so a bigger one is a client bug. */
export const MAX_FORM_BYTES = 64 * 1024;

/** The result of {@link readFormBody}. */
export type FormBodyResult =
  | { kind: "form"; fields: URLSearchParams }
  /** Another content type: the caller decides what missing fields mean. */
  | { kind: "not-form" }
  | { kind: "too-large" }
  /** With `acceptJson`: a JSON body that is not a flat object. */
  | { kind: "malformed" };

/** What {@link readFormBody} accepts besides `application/x-www-form-urlencoded`. */
export interface FormBodyOptions {
  /** Read a flat JSON object as fields, as Google's token endpoint does; other values are dropped. */
  acceptJson?: boolean;
  /** Read a body without `Content-Type` as a form, as Google does. */
  untypedIsForm?: boolean;
}

/**
 * Reads a POST body as form fields, draining it to the end even past
 * {@link MAX_FORM_BYTES} so the client sees the answer, not a reset.
 *
 * @param request - The incoming POST.
 * @param options - Content types to accept besides a urlencoded form.
 * @returns The fields, or why there are none: `not-form` for another
 *   content type, `too-large` past 64 KiB, `malformed` for bad JSON.
 *
 * @example
 * ```ts
 * const body = await readFormBody(request);
 * const fields = body.kind === "form" ? body.fields : new URLSearchParams();
 * ```
 */
export async function readFormBody(
  request: IncomingMessage,
  options: FormBodyOptions = {},
): Promise<FormBodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_FORM_BYTES) chunks.push(chunk);
  }
  if (size > MAX_FORM_BYTES) return { kind: "too-large" };
  const text = Buffer.concat(chunks).toString("utf8");
  const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "application/x-www-form-urlencoded" || (type === "" && options.untypedIsForm)) {
    return { kind: "form", fields: new URLSearchParams(text) };
  }
  if (type === "application/json" && options.acceptJson) return parseJsonForm(text);
  return { kind: "not-form" };
}

function parseJsonForm(text: string): FormBodyResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: "malformed" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { kind: "malformed" };
  }
  const fields = new URLSearchParams();
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === "string" || typeof field === "number" || typeof field === "boolean") {
      fields.set(key, String(field));
    }
  }
  return { kind: "form", fields };
}
