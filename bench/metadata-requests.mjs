// What the metadata benchmarks cost on the wire, from the dev-cloud's request
// log: every logged request of a measured window is put down to the file it
// read, and its response bytes summed per file.

/** The dev-cloud's fault rules for `latencyMs` on every request (none for 0). */
export async function setLatency(cloud, latencyMs) {
  await cloud.admin.setFaults(
    latencyMs === 0
      ? []
      : [{ id: "latency", route: "/", kind: "latency", latencyMs, probability: 1 }],
  );
}

const DRIVE_FILE = /^\/google\/drive\/v3\/files\/([^/]+)$/;
const GRAPH_ITEM = /^\/graph\/v1\.0\/me\/drive\/items\/([^/]+)(?:\/content)?$/;
const GRAPH_DOWNLOAD = /^\/graph-download\/([A-Za-z0-9_-]+)\./;

/**
 * The file a logged request read or looked up: a Drive `alt=media` read, a
 * Graph item lookup or `/content` redirect, or a Graph download URL (whose
 * token carries the item id as base64url JSON). `undefined` for anything else.
 */
export function fileIdOf(entry) {
  const drive = DRIVE_FILE.exec(entry.path);
  if (drive?.[1] !== undefined) {
    return new URLSearchParams(entry.query).get("alt") === "media"
      ? decodeURIComponent(drive[1])
      : undefined;
  }
  const item = GRAPH_ITEM.exec(entry.path);
  if (item?.[1] !== undefined) return decodeURIComponent(item[1]);
  const download = GRAPH_DOWNLOAD.exec(entry.path);
  if (download?.[1] === undefined) return undefined;
  try {
    const id = JSON.parse(Buffer.from(download[1], "base64url").toString("utf8")).i;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Marks the start of a measured window in the request log. */
export const logCursor = (cloud) => cloud.admin.lastRequestId();

/**
 * Requests logged since `cursor`, summed per file: `{ perFile: Map<id,
 * { requests, bytes }>, requests, otherRequests }` (`otherRequests`: requests
 * no file explains, such as token refreshes).
 */
export async function wireCostSince(cloud, cursor) {
  const entries = await cloud.admin.requests({ since: cursor });
  const perFile = new Map();
  let otherRequests = 0;
  for (const entry of entries) {
    const id = fileIdOf(entry);
    if (id === undefined) {
      otherRequests++;
      continue;
    }
    const cost = perFile.get(id) ?? { requests: 0, bytes: 0 };
    cost.requests++;
    cost.bytes += entry.bytes;
    perFile.set(id, cost);
  }
  return { perFile, requests: entries.length, otherRequests };
}

/** The `q`-quantile (0–1) of `values`, nearest rank; NaN for none. */
export function quantile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Median, p90 and mean bytes and mean requests over some files' costs. */
function summarize(files) {
  const bytes = files.map((file) => file.bytes);
  const requests = files.reduce((sum, file) => sum + file.requests, 0);
  const totalBytes = bytes.reduce((sum, value) => sum + value, 0);
  return {
    files: files.length,
    medianBytes: quantile(bytes, 0.5),
    p90Bytes: quantile(bytes, 0.9),
    meanBytes: totalBytes / Math.max(1, files.length),
    totalBytes,
    requestsPerFile: requests / Math.max(1, files.length),
  };
}

/** {@link summarize} of every file of a {@link wireCostSince} result, and the requests no file explains. */
export function perFileFigures(cost) {
  return { ...summarize([...cost.perFile.values()]), otherRequests: cost.otherRequests };
}

/** {@link summarize} per group of files (`groupOf(fileId)`, e.g. the audio format), largest group first. */
export function figuresByGroup(cost, groupOf) {
  const groups = new Map();
  for (const [id, file] of cost.perFile) {
    const group = groupOf(id) ?? "other";
    groups.set(group, [...(groups.get(group) ?? []), file]);
  }
  return [...groups]
    .map(([group, files]) => ({ group, ...summarize(files) }))
    .sort((a, b) => b.files - a.files);
}

/** Bytes as B, KiB or MiB. */
export const byteSize = (value) =>
  !Number.isFinite(value)
    ? "—"
    : value < 1024
      ? `${Math.round(value)} B`
      : value < 1024 * 1024
        ? `${(value / 1024).toFixed(1)} KiB`
        : `${(value / 1024 / 1024).toFixed(2)} MiB`;
