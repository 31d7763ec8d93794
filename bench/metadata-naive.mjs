// The reference of `pnpm bench metadata`: the naive tag read, which downloads
// each whole file with a plain fetch and parses it with music-metadata's
// parseBuffer, a fixed number of files at a time.
import { logCursor, perFileFigures, wireCostSince } from "./metadata-requests.mjs";

/** Every `step`-th track of the dev-cloud's library that still has a file. */
export async function sampleTracks(cloud, step) {
  const { tracks } = await cloud.admin.library();
  return tracks.filter((track) => track.fileId !== null && track.index % step === 0);
}

/** Runs `work` on every item, `concurrency` at a time. */
async function eachConcurrently(items, concurrency, work) {
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) await work(items[index]);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** The URL that serves a file's whole bytes to a bearer token (Graph redirects to its download URL). */
const contentUrl = (cloud, provider, fileId) =>
  provider === "google"
    ? `${cloud.url}/google/drive/v3/files/${encodeURIComponent(fileId)}?alt=media`
    : `${cloud.url}/graph/v1.0/me/drive/items/${encodeURIComponent(fileId)}/content`;

/**
 * Downloads and parses every sampled file; returns the wall time, the files
 * whose tags parsed with a title, this process's CPU time and the wire cost
 * from the request log.
 */
export async function naiveScan({ cloud, provider, account, tracks, concurrency, parseBuffer }) {
  const token = await account.tokens.getAccessToken(account.accountId);
  const headers = { authorization: `Bearer ${token}` };
  const cursor = await logCursor(cloud);
  let tagged = 0;
  let failed = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await eachConcurrently(tracks, concurrency, async (track) => {
    const response = await fetch(contentUrl(cloud, provider, track.fileId), { headers });
    if (!response.ok) throw new Error(`${track.fileId} answered ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const mimeType = response.headers.get("content-type") ?? undefined;
    try {
      // The scan needs the duration too; with the whole file in memory it costs no requests.
      const metadata = await parseBuffer(
        bytes,
        { mimeType, size: bytes.byteLength },
        { duration: true },
      );
      if ((metadata.common.title ?? "").trim() !== "") tagged++;
    } catch {
      failed++;
    }
  });
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const wire = perFileFigures(await wireCostSince(cloud, cursor));
  return {
    tracks: tracks.length,
    tagged,
    failed,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    ...wire,
  };
}
