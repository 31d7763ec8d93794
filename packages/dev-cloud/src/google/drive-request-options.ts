import type { ServerResponse } from "node:http";
import { sendInvalidFieldSelection, sendInvalidParameter } from "./drive-errors.js";
import { type FieldMask, type FieldSchema, parseFieldMask } from "./drive-fields.js";

/**
 * Reads `pageSize` (default 100, 1–1000) or answers Drive's 400 for it.
 *
 * @returns The page size, or `undefined` after an error response was sent.
 */
export function readPageSize(
  params: URLSearchParams,
  response: ServerResponse,
): number | undefined {
  const text = params.get("pageSize");
  if (text === null || text === "") return 100;
  const value = /^-?\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(value) || value < 1 || value > 1000) {
    sendInvalidParameter(
      response,
      "pageSize",
      `Invalid value '${text}'. Values must be within the range: [1, 1000]`,
    );
    return undefined;
  }
  return value;
}

/**
 * Reads `fields` against `schema`, falling back to `defaults` when absent, or
 * answers 400 `invalidParameter`.
 *
 * @returns The mask, or `undefined` after an error response was sent.
 */
export function readFieldMask(
  params: URLSearchParams,
  schema: FieldSchema,
  defaults: string,
  response: ServerResponse,
): FieldMask | undefined {
  const text = params.get("fields");
  const parsed = parseFieldMask(text === null || text.trim() === "" ? defaults : text, schema);
  if (!parsed.ok) {
    sendInvalidFieldSelection(response, parsed.message);
    return undefined;
  }
  return parsed.mask;
}
