// The same library benchmark as `search`, in Node with fake-indexeddb: the
// engine (examples/bench-library/src/library-bench.ts) runs in-process, against
// the same naive-scan reference. A reference for the browser figures, and the
// figures the library gets in Node tests and tools.
import { writeFileSync } from "node:fs";
import { LibraryService } from "@player/core-library";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { LIBRARY_TARGETS, printLibraryResult } from "./report.mjs";
import { importTypeScript, repoPath } from "./typescript-module.mjs";

/** Runs the library benchmark in Node and prints its tables. */
export async function runLibrarySearchNodeBench() {
  const options = {
    tracks: Number(process.env.BENCH_NODE_TRACKS ?? process.env.BENCH_TRACKS ?? 100_000),
    rounds: Number(process.env.BENCH_SEARCH_ROUNDS ?? 10),
  };
  const { runLibraryBench } = await importTypeScript(
    "library-bench",
    'export { runLibraryBench } from "./src/library-bench.ts";',
    repoPath("examples/bench-library"),
  );
  const indexedDB = new IDBFactory();
  const name = "bench-library";
  const library = new LibraryService({ name, indexedDB, IDBKeyRange });
  const log = process.env.BENCH_VERBOSE ? (message) => console.error(message) : undefined;
  const result = await runLibraryBench(library, indexedDB, name, options, log);
  library.destroy();
  console.log(`## Library in Node ${process.versions.node} with fake-indexeddb (reference)`);
  console.log("");
  printLibraryResult(result, LIBRARY_TARGETS);
  if (process.env.BENCH_JSON)
    writeFileSync(
      `${process.env.BENCH_JSON}.search-node.json`,
      `${JSON.stringify(result, null, 2)}\n`,
    );
  return result;
}
