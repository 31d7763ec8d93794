import type { IncomingMessage } from "node:http";
import { readFormBody } from "../form-body.js";

/**
 * Reads a Google endpoint's POST body as Google does: a urlencoded form
 * (with or without `Content-Type`) or a flat JSON object; any other type
 * reads as no fields.
 *
 * @returns The fields, or `undefined` for a body Google refuses with
 *   `invalid_request` (too large, or JSON that is not a flat object).
 */
export async function readGoogleForm(
  request: IncomingMessage,
): Promise<URLSearchParams | undefined> {
  const body = await readFormBody(request, { acceptJson: true, untypedIsForm: true });
  if (body.kind === "form") return body.fields;
  return body.kind === "not-form" ? new URLSearchParams() : undefined;
}
