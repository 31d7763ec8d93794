// The tables of `pnpm bench metadata`.
import { cpus } from "node:os";
import { byteSize } from "./metadata-requests.mjs";
import { count, ms, printTable, ratio } from "./report.mjs";

const PROVIDER_NAMES = { google: "Google Drive", microsoft: "OneDrive" };
const seconds = (value) => `${(value / 1000).toFixed(2)} s`;
const perSecond = (tracks, wallMs) => `${count(tracks / (wallMs / 1000))} /s`;
/** {@link ratio}, with two significant digits below 0.01 (OneDrive's bytes per track). */
const fraction = (value, reference) =>
  value / reference < 0.01 && value > 0
    ? (value / reference).toPrecision(2)
    : ratio(value, reference);
const percent = (part, whole) => `${((100 * part) / whole).toFixed(1)} %`;

/**
 * The time the scan's requests take if each file's follow one another,
 * `concurrency` files at a time, `latencyMs` each. A scan below it overlaps
 * requests within a file (the file's end is fetched with its head).
 */
const serialRequestMs = (scan, latencyMs) =>
  (scan.files * scan.requestsPerFile * latencyMs) / scan.concurrency;

function printScans(figures) {
  printTable(
    [
      "provider, files at a time",
      "files read / tracks",
      "scan time",
      "files read/s",
      "bytes/file median",
      "p90",
      "requests/file",
      "CPU/file (bench process)",
      "tags from file / provider / name only",
      "serial-request time",
      "time/serial",
    ],
    figures.scans.map((scan) => {
      const serialMs = serialRequestMs(scan, figures.latencyMs);
      return [
        `${PROVIDER_NAMES[scan.provider]}, ${scan.concurrency}`,
        `${count(scan.done)} / ${count(scan.tracks)}`,
        seconds(scan.wallMs),
        perSecond(scan.done, scan.wallMs),
        byteSize(scan.medianBytes),
        byteSize(scan.p90Bytes),
        scan.requestsPerFile.toFixed(2),
        ms(scan.cpuMs / Math.max(1, scan.done)),
        `${count(scan.tags.file)} / ${count(scan.tags.provider)} / ${count(scan.tags.fileName)}`,
        seconds(serialMs),
        ratio(scan.wallMs, serialMs),
      ];
    }),
  );
}

/** Says so when a scan left tracks unread or failed reads (a network error is retried only by a later pass). */
function printScanProblems(scans) {
  for (const scan of scans) {
    if (scan.failed === 0 && scan.stillNeedingTags === 0) continue;
    console.log(
      `⚠ ${PROVIDER_NAMES[scan.provider]}, ${scan.concurrency}: ${scan.failed} reads failed, ${scan.stillNeedingTags} tracks still need tags.`,
    );
    console.log("");
  }
}

function printFormats(scan) {
  console.log(
    `Per format (${PROVIDER_NAMES[scan.provider]}, ${scan.concurrency} at a time; "broken": the library's truncated, corrupt and not-audio files):`,
  );
  console.log("");
  printTable(
    ["format", "files", "requests/file", "bytes/file median", "p90"],
    scan.byFormat.map((group) => [
      group.group,
      count(group.files),
      group.requestsPerFile.toFixed(2),
      byteSize(group.medianBytes),
      byteSize(group.p90Bytes),
    ]),
  );
}

function printComparison(figures) {
  const rows = [];
  for (const [index, naive] of figures.naive.entries()) {
    const scan = figures.scans[index];
    const label = `${PROVIDER_NAMES[naive.provider]}, ${naive.concurrency}`;
    // The whole library counts: on OneDrive most tracks are tagged by the audio facet, with no read.
    const scanRequests = scan.files * scan.requestsPerFile + scan.otherRequests;
    rows.push(
      [
        label,
        "tracks tagged/s",
        perSecond(scan.tracks, scan.wallMs),
        perSecond(naive.tracks, naive.wallMs),
        fraction(scan.tracks / scan.wallMs, naive.tracks / naive.wallMs),
      ],
      [
        label,
        "tracks with tags (file or audio facet)",
        percent(scan.tags.file + scan.tags.provider, scan.tracks),
        percent(naive.tagged, naive.tracks),
        "",
      ],
      [
        label,
        "bytes/track, mean over the library",
        byteSize(scan.totalBytes / scan.tracks),
        byteSize(naive.meanBytes),
        fraction(scan.totalBytes / scan.tracks, naive.meanBytes),
      ],
      [
        label,
        "bytes/file read, median",
        byteSize(scan.medianBytes),
        byteSize(naive.medianBytes),
        fraction(scan.medianBytes, naive.medianBytes),
      ],
      [
        label,
        "requests/track",
        (scanRequests / scan.tracks).toFixed(2),
        ((naive.files * naive.requestsPerFile + naive.otherRequests) / naive.tracks).toFixed(2),
        fraction(scanRequests / scan.tracks, naive.requestsPerFile),
      ],
      [
        label,
        "CPU/track (bench process)",
        ms(scan.cpuMs / scan.tracks),
        ms(naive.cpuMs / naive.tracks),
        fraction(scan.cpuMs / scan.tracks, naive.cpuMs / naive.tracks),
      ],
    );
  }
  printTable(
    [
      "provider, files at a time",
      "measure",
      "scan (MetadataScanner, whole library)",
      "naive (whole file + parseBuffer)",
      "ratio scan/naive",
    ],
    rows,
  );
}

/** Prints the three tables of the metadata benchmark. */
export function printMetadataFigures(figures) {
  const { size, latencyMs, step } = figures;
  console.log(
    `## Tag scan of a ${count(size)}-track dev-cloud library, ${latencyMs} ms per request, Node ${process.versions.node}, fake-indexeddb, ${cpus().length} cores, load ${figures.loadBefore.toFixed(1)} → ${figures.loadAfter.toFixed(1)}`,
  );
  console.log("");
  printScans(figures);
  printScanProblems(figures.scans);
  const google = figures.scans.find((scan) => scan.provider === "google");
  if (google !== undefined) printFormats(google);
  console.log(
    `Reference: every ${step}th track of the library (${count(figures.naive[0]?.tracks ?? 0)} files), fetched whole and parsed with parseBuffer, same latency and concurrency.`,
  );
  console.log("");
  printComparison(figures);
}
