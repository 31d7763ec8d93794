import type { LibraryService, TrackSort } from "@player/core-library";
import { summarise, type Timing, timed } from "./bench-stats.js";
import { NaiveScan, readAllTracks } from "./naive-scan.js";
import { BENCH_QUERIES, syncBatches, syntheticFiles } from "./synthetic-library.js";

/** Sizes of one run of {@link runLibraryBench}. */
export interface LibraryBenchOptions {
  /** Tracks in the library. Default 100,000. */
  tracks?: number;
  /** Files per `applySyncBatch`. Default 1,000. */
  batchSize?: number;
  /** Times each query (and each sorted walk) is repeated. Default 10. */
  rounds?: number;
  /** Pages read one after the other (with `nextCursor`) per sort and round. Default 5. */
  pagesPerWalk?: number;
}

/** Per-query or per-sort figures: the library's and the reference's. */
export interface ComparedTiming {
  name: string;
  /** How many tracks match (search) or the page size (pages). */
  rows: number;
  library: Timing;
  reference: Timing;
}

/** Everything one run measured, in milliseconds. */
export interface LibraryBenchResult {
  tracks: number;
  batchSize: number;
  fillMs: number;
  warmUpMs: number;
  /** Reading every row with `getAll` and folding its text, once, for the reference. */
  referenceLoadMs: number;
  search: { overall: ComparedTiming; queries: ComparedTiming[] };
  pages: { overall: ComparedTiming; sorts: ComparedTiming[] };
}

const PAGE_SORTS = ["title", "artist", "album", "dateAdded", "duration"] as const;
const PAGE_SIZE = 50;

/**
 * Fills `library` (empty, named `databaseName` in `factory`) with a synthetic
 * library through `applySyncBatch`, then times searches and sorted pages
 * against a naive in-memory scan of the same rows. Runs wherever the library
 * runs: in a dedicated worker with real IndexedDB, or in Node with
 * fake-indexeddb.
 */
export async function runLibraryBench(
  library: LibraryService,
  factory: IDBFactory,
  databaseName: string,
  options: LibraryBenchOptions = {},
  log: (message: string) => void = () => {},
): Promise<LibraryBenchResult> {
  const tracks = options.tracks ?? 100_000;
  const batchSize = options.batchSize ?? 1_000;
  const rounds = options.rounds ?? 10;
  const pagesPerWalk = options.pagesPerWalk ?? 5;

  const batches = syncBatches(syntheticFiles(tracks), batchSize);
  const fillStarted = performance.now();
  for (const [i, batch] of batches.entries()) {
    await library.applySyncBatch(batch);
    if ((i + 1) % 20 === 0) log(`filled ${(i + 1) * batchSize} tracks`);
  }
  const fillMs = performance.now() - fillStarted;
  const warmUpSamples: number[] = [];
  await timed(warmUpSamples, () => library.warmUpSearch());
  const loadSamples: number[] = [];
  const naive = await timed(
    loadSamples,
    async () => new NaiveScan(await readAllTracks(factory, databaseName)),
  );
  log("searching");

  // Library and reference alternate query by query, so drift hits both alike.
  const queries = BENCH_QUERIES.map((name) => ({
    name,
    rows: 0,
    lib: [] as number[],
    ref: [] as number[],
  }));
  for (let round = 0; round < rounds; round++) {
    for (const query of queries) {
      const page = await timed(query.lib, () => library.search(query.name, { limit: PAGE_SIZE }));
      query.rows = page.total;
      await timed(query.ref, () => naive.search(query.name, PAGE_SIZE));
    }
  }
  log("reading sorted pages");
  const sorts = PAGE_SORTS.map((name) => ({
    name,
    rows: PAGE_SIZE,
    lib: [] as number[],
    ref: [] as number[],
  }));
  for (let round = 0; round < rounds; round++) {
    for (const sort of sorts) {
      let cursor: string | null = null;
      for (let page = 0; page < pagesPerWalk; page++) {
        const result = await timed(sort.lib, () =>
          library.queryTracks({ sort: sort.name as TrackSort, limit: PAGE_SIZE, cursor }),
        );
        cursor = result.nextCursor;
      }
      // Sorting everything costs the same for every page: one sample per walk is enough.
      await timed(sort.ref, () => naive.page(sort.name, PAGE_SIZE));
    }
  }

  return {
    tracks,
    batchSize,
    fillMs,
    warmUpMs: warmUpSamples[0] ?? Number.NaN,
    referenceLoadMs: loadSamples[0] ?? Number.NaN,
    search: { overall: overall("all queries", queries), queries: queries.map(compared) },
    pages: { overall: overall("all sorts", sorts), sorts: sorts.map(compared) },
  };
}

interface Samples {
  name: string;
  rows: number;
  lib: number[];
  ref: number[];
}

function compared(samples: Samples): ComparedTiming {
  return {
    name: samples.name,
    rows: samples.rows,
    library: summarise(samples.lib),
    reference: summarise(samples.ref),
  };
}

function overall(name: string, all: readonly Samples[]): ComparedTiming {
  return compared({
    name,
    rows: Number.NaN,
    lib: all.flatMap((s) => s.lib),
    ref: all.flatMap((s) => s.ref),
  });
}
