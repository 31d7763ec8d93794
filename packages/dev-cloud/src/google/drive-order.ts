import type { CloudItem, LibraryStore } from "../library/library-types.js";

/** Orders two items; negative puts `a` first. */
export type ItemComparator = (a: CloudItem, b: CloudItem) => number;

/** The result of {@link parseOrderBy}. */
export type ParsedOrderBy = { ok: true; compare: ItemComparator } | { ok: false };

type KeyComparator = (a: CloudItem, b: CloudItem, library: LibraryStore) => number;

const naturalCollator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

const byModified: KeyComparator = (a, b) => a.modifiedTime - b.modifiedTime;
const unordered: KeyComparator = () => 0;

/**
 * The sort keys Drive documents for `orderBy`. Keys about per-user activity
 * the emulator does not track (`recency`, `viewedByMeTime`, …) sort by
 * `modifiedTime`; `starred` and `sharedWithMeTime` are the same for every item.
 */
const SORT_KEYS: Readonly<Record<string, KeyComparator>> = {
  name: (a, b) =>
    compareText(a.name.toLowerCase(), b.name.toLowerCase()) || compareText(a.name, b.name),
  name_natural: (a, b) => naturalCollator.compare(a.name, b.name) || compareText(a.name, b.name),
  modifiedTime: byModified,
  modifiedByMeTime: byModified,
  viewedByMeTime: byModified,
  recency: byModified,
  createdTime: (a, b) => a.createdTime - b.createdTime,
  // Ascending `folder` lists folders first, as Drive's web UI does.
  folder: (a, b) => folderRank(a) - folderRank(b),
  quotaBytesUsed: (a, b, library) => sizeOf(a, library) - sizeOf(b, library),
  starred: unordered,
  sharedWithMeTime: unordered,
};

/**
 * Parses `orderBy` (`folder,modifiedTime desc,name`). Ties fall back to the
 * item id so paging over a sorted list is deterministic.
 *
 * @param text - The parameter; empty means library (insertion) order.
 */
export function parseOrderBy(text: string, library: LibraryStore): ParsedOrderBy {
  const keys: Array<{ compare: KeyComparator; direction: 1 | -1 }> = [];
  for (const part of text.split(",")) {
    const trimmed = part.trim();
    if (trimmed === "") {
      if (text.trim() === "") continue;
      return { ok: false };
    }
    const match = /^([A-Za-z_]+)(\s+desc)?$/i.exec(trimmed);
    const compare = match?.[1] === undefined ? undefined : SORT_KEYS[match[1]];
    if (compare === undefined) return { ok: false };
    keys.push({ compare, direction: match?.[2] === undefined ? 1 : -1 });
  }
  if (keys.length === 0) return { ok: true, compare: () => 0 };
  return {
    ok: true,
    compare: (a, b) => {
      for (const key of keys) {
        const result = key.compare(a, b, library) * key.direction;
        if (result !== 0) return result;
      }
      return compareText(a.id, b.id);
    },
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function folderRank(item: CloudItem): number {
  return item.kind === "folder" ? 0 : 1;
}

function sizeOf(item: CloudItem, library: LibraryStore): number {
  return item.kind === "file" ? library.size(item) : 0;
}
