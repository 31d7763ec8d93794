import { EventBus, type PlayerEventMap } from "@player/core-runtime";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { LibraryService } from "../library-service.js";
import type { RemoteFile, SyncBatch, SyncCursor } from "../sync-contract.js";

/** A library on a fresh in-memory IndexedDB, with a bus that records its events. */
export function createLibrary(
  options: { now?: () => number; indexedDB?: IDBFactory; name?: string } = {},
) {
  const bus = new EventBus();
  const events: { name: keyof PlayerEventMap; data: unknown }[] = [];
  bus.onAny((name, data) => events.push({ name, data }));
  const indexedDB = options.indexedDB ?? new IDBFactory();
  let clock = 1_000;
  const library = new LibraryService({
    bus,
    indexedDB,
    IDBKeyRange,
    ...(options.name === undefined ? {} : { name: options.name }),
    now: options.now ?? (() => clock++),
  });
  return { library, bus, events, indexedDB };
}

/** A listed audio file; `path` is `/Folder/Sub/name.mp3`. */
export function audioFile(
  remoteId: string,
  path: string,
  extra: Partial<RemoteFile> = {},
): RemoteFile {
  const slash = path.lastIndexOf("/");
  const folderPath = slash <= 0 ? "/" : path.slice(0, slash);
  return {
    remoteId,
    name: path.slice(slash + 1),
    mimeType: "audio/mpeg",
    size: 1000,
    parentId: `dir:${folderPath}`,
    folderPath,
    modifiedAt: 1,
    contentVersion: "v1",
    ...extra,
  };
}

let tokenCounter = 0;

/** A cursor with a fresh token. */
export function cursor(generation = 1, extra: Partial<SyncCursor> = {}): SyncCursor {
  tokenCounter++;
  return {
    phase: "full",
    token: `t${tokenCounter}`,
    generation,
    updatedAt: tokenCounter,
    ...extra,
  };
}

/** A batch for account `acc`. */
export function batch(
  upserts: RemoteFile[],
  removals: string[] = [],
  extra: Partial<SyncBatch> = {},
): SyncBatch {
  return { accountId: "acc", provider: "google", upserts, removals, cursor: cursor(), ...extra };
}
