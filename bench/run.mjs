// `pnpm bench [name…]`: runs the named benchmarks (or BENCH=name,name), all of
// them by default, one after the other; each prints a table of its figures
// next to a reference measured in the same run.
import { runLibrarySearchBench } from "./library-search.mjs";
import { runLibrarySearchNodeBench } from "./library-search-node.mjs";
import { runMetadataBench } from "./metadata-scan.mjs";
import { runPlaybackBench } from "./playback.mjs";
import { runRpcBench } from "./rpc.mjs";
import { runSyncBench } from "./sync.mjs";
import { runSyncBrowserBench } from "./sync-browser.mjs";

const BENCHMARKS = {
  metadata: runMetadataBench,
  playback: runPlaybackBench,
  rpc: runRpcBench,
  search: runLibrarySearchBench,
  "search-node": runLibrarySearchNodeBench,
  sync: runSyncBench,
  "sync-browser": runSyncBrowserBench,
};

const asked = process.argv.slice(2).filter((arg) => arg !== "--");
const names = asked.length > 0 ? asked : (process.env.BENCH?.split(",") ?? Object.keys(BENCHMARKS));
const unknown = names.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark ${unknown.join(", ")}; choose from ${Object.keys(BENCHMARKS).join(", ")}`,
  );
  process.exit(2);
}
for (const name of names) await BENCHMARKS[name]();
