import type { IncomingMessage } from "node:http";

/** Part of an admin request that is invalid; answered 400 with `field`. */
export class AdminInputError extends Error {
  override readonly name = "AdminInputError";

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Admin bodies carry base64 files; this is far above any test fixture. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * Reads a JSON object body.
 *
 * @throws AdminInputError (`field: "body"`) for a body that is too large, not JSON or not an object.
 */
export async function readJsonObject(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) {
    throw new AdminInputError("body", `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new AdminInputError("body", "The body must be JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AdminInputError("body", "The body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}

/** Refuses keys outside `known`, so a misspelt field is not silently ignored. */
export function rejectUnknownFields(body: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!known.includes(key)) throw new AdminInputError(key, `Unknown field "${key}".`);
  }
}

/** A non-empty string field; `undefined` when absent and not `required`. */
export function stringField(body: Record<string, unknown>, field: string, required: true): string;
export function stringField(
  body: Record<string, unknown>,
  field: string,
  required?: false,
): string | undefined;
export function stringField(
  body: Record<string, unknown>,
  field: string,
  required = false,
): string | undefined {
  const value = body[field];
  if (value === undefined && !required) return undefined;
  if (typeof value !== "string" || value.length === 0) {
    throw new AdminInputError(field, `${field} must be a non-empty string.`);
  }
  return value;
}

/** A base64 field decoded to bytes. */
export function base64Field(
  body: Record<string, unknown>,
  field: string,
  required: boolean,
): Uint8Array | undefined {
  const value = body[field];
  if (value === undefined && !required) return undefined;
  if (typeof value !== "string") {
    throw new AdminInputError(field, `${field} must be standard base64 with padding.`);
  }
  // Standard base64 with padding only: Node's decoder is lenient and would turn
  // typos into wrong bytes, so the text must encode back to itself. (A regular
  // expression over the whole text overflows the stack for files of megabytes.)
  const bytes = Buffer.from(value, "base64");
  if (bytes.toString("base64") !== value) {
    throw new AdminInputError(field, `${field} must be standard base64 with padding.`);
  }
  return new Uint8Array(bytes);
}

/** A non-negative integer from a query parameter; `fallback` when absent. */
export function integerParam(url: URL, name: string, fallback: number): number {
  const text = url.searchParams.get(name);
  if (text === null) return fallback;
  if (!/^\d{1,16}$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new AdminInputError(name, `${name} must be a non-negative integer.`);
  }
  return Number(text);
}
