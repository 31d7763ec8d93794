import type { LibraryBenchOptions, LibraryBenchResult } from "./library-bench.js";

/** Page → worker: run the benchmark once. */
export interface LibraryBenchRequest {
  type: "run";
  options: LibraryBenchOptions;
}

/** Worker → page. */
export type LibraryBenchResponse =
  | { type: "progress"; message: string }
  | { type: "done"; result: LibraryBenchResult }
  | { type: "error"; message: string };
