/**
 * The OData query options the drive routes understand: `$top`, `$select`,
 * `$orderby` and `$skipToken`. Graph matches option names case-insensitively
 * and also accepts them without the `$`.
 */

/** Every driveItem property `$select` may name. Unknown names are a 400, as on Graph. */
const DRIVE_ITEM_PROPERTIES = new Set(
  [
    "@microsoft.graph.downloadUrl",
    "audio",
    "cTag",
    "content",
    "createdBy",
    "createdDateTime",
    "deleted",
    "description",
    "eTag",
    "file",
    "fileSystemInfo",
    "folder",
    "id",
    "image",
    "lastModifiedBy",
    "lastModifiedDateTime",
    "name",
    "package",
    "parentReference",
    "photo",
    "remoteItem",
    "root",
    "searchResult",
    "shared",
    "size",
    "specialFolder",
    "video",
    "webUrl",
  ].map((name) => name.toLowerCase()),
);

/** Fields `$orderby` can sort children by. */
export type OrderField = "name" | "size" | "lastModifiedDateTime";

/** A parsed `$orderby`. */
export interface ItemOrder {
  field: OrderField;
  descending: boolean;
}

/** A query option that cannot be honoured; the route answers 400 `invalidRequest`. */
export interface QueryProblem {
  problem: string;
}

/** The largest page a client may ask for; bigger `$top` values are lowered to it. */
export const MAX_PAGE_SIZE = 1000;

/**
 * The value of query option `name` (given without `$`), matching `$name`
 * or `name` in any case. The first occurrence wins.
 */
export function queryOption(url: URL, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of url.searchParams) {
    const bare = key.startsWith("$") ? key.slice(1) : key;
    if (bare.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/**
 * Parses `$top`: a positive integer, at most {@link MAX_PAGE_SIZE}.
 *
 * @param raw - The option's value, if sent.
 * @param fallback - The page size when it is absent.
 */
export function parseTop(raw: string | undefined, fallback: number): number | QueryProblem {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    return { problem: `Invalid value '${raw}' for $top: it must be a positive integer.` };
  }
  return Math.min(Number(raw), MAX_PAGE_SIZE);
}

/** Parses `$select` into property names; `undefined` when absent. */
export function parseSelect(raw: string | undefined): string[] | undefined | QueryProblem {
  if (raw === undefined) return undefined;
  const names = raw
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  const unknown = names.find((name) => !DRIVE_ITEM_PROPERTIES.has(name.toLowerCase()));
  if (unknown !== undefined) {
    return {
      problem: `Parsing OData Select and Expand failed: Could not find a property named '${unknown}' on type 'microsoft.graph.driveItem'.`,
    };
  }
  return names;
}

/**
 * Keeps only the selected properties of a driveItem (names match case-insensitively).
 *
 * @param item - The full item.
 * @param select - From {@link parseSelect}; `undefined` keeps everything.
 */
export function selectProperties(
  item: Record<string, unknown>,
  select: readonly string[] | undefined,
): Record<string, unknown> {
  if (select === undefined) return item;
  const wanted = new Set(select.map((name) => name.toLowerCase()));
  return Object.fromEntries(Object.entries(item).filter(([key]) => wanted.has(key.toLowerCase())));
}

/** Parses `$orderby` (`name`, `name desc`, `size asc`, …); `undefined` when absent. */
export function parseOrderBy(raw: string | undefined): ItemOrder | undefined | QueryProblem {
  if (raw === undefined || raw.trim() === "") return undefined;
  const match = /^\s*(\w+)(?:\s+(asc|desc))?\s*$/i.exec(raw);
  const field = (["name", "size", "lastModifiedDateTime"] as const).find(
    (candidate) => candidate.toLowerCase() === match?.[1]?.toLowerCase(),
  );
  if (match === null || field === undefined) {
    return { problem: `The $orderby value '${raw}' is not supported.` };
  }
  return { field, descending: match[2]?.toLowerCase() === "desc" };
}

/** True when a parse result is a {@link QueryProblem}. */
export function isQueryProblem(value: unknown): value is QueryProblem {
  return typeof value === "object" && value !== null && "problem" in value;
}

/**
 * An absolute continuation link: `base` with the original query options
 * (minus any paging token) and a new token option. Option names keep their
 * literal `$`, as Graph's links have them.
 *
 * @param base - Origin and path, e.g. `http://127.0.0.1:8787/graph/v1.0/me/drive/root/children`.
 * @param original - The request URL whose options are carried over.
 * @param tokenName - `$skiptoken` or `token`.
 * @param token - The opaque continuation token.
 */
export function continuationLink(
  base: string,
  original: URL,
  tokenName: string,
  token: string,
): string {
  const dropped = new Set(["skiptoken", "token"]);
  const parts: string[] = [];
  for (const [key, value] of original.searchParams) {
    const bare = key.startsWith("$") ? key.slice(1) : key;
    if (dropped.has(bare.toLowerCase())) continue;
    parts.push(`${encodeOptionName(key)}=${encodeURIComponent(value)}`);
  }
  parts.push(`${tokenName}=${encodeURIComponent(token)}`);
  return `${base}?${parts.join("&")}`;
}

function encodeOptionName(name: string): string {
  return name.startsWith("$") ? `$${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name);
}
