/// <reference lib="webworker" />
// The benchmark's worker: the library lives here, as in production, and the
// whole measurement runs next to it; the page only starts it and reads figures.
import { LibraryService } from "@player/core-library";
import { runLibraryBench } from "./library-bench.js";
import type { LibraryBenchRequest, LibraryBenchResponse } from "./library-bench-protocol.js";

const DATABASE_NAME = "bench-library";
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: LibraryBenchResponse) => scope.postMessage(message);

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

scope.addEventListener("message", async (event: MessageEvent<LibraryBenchRequest>) => {
  try {
    await deleteDatabase(DATABASE_NAME);
    const library = new LibraryService({ name: DATABASE_NAME });
    const log = (message: string) => post({ type: "progress", message });
    const result = await runLibraryBench(
      library,
      indexedDB,
      DATABASE_NAME,
      event.data.options,
      log,
    );
    library.destroy();
    await deleteDatabase(DATABASE_NAME);
    post({ type: "done", result });
  } catch (error) {
    post({
      type: "error",
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
