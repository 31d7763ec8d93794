import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RemoteFile, SyncBatch } from "./sync-contract.js";
import { createLibrary } from "./test-support/library-fixtures.js";
import { trackKey } from "./track-identity.js";

/** The library as a plain model: what each account's files should look like. */
interface ModelFile {
  name: string;
  folderPath: string;
  contentVersion: string;
  generation: number;
}

const fileArbitrary = fc.record({
  remoteId: fc.constantFrom("f0", "f1", "f2", "f3", "f4", "f5"),
  name: fc.constantFrom("01 Song.mp3", "02 Other.flac", "Song.lrc", "x.ogg", "Song.mp3"),
  folderPath: fc.constantFrom("/A/B", "/A/C", "/D"),
  contentVersion: fc.constantFrom("v1", "v2"),
});

const stepArbitrary = fc.oneof(
  fc.record({
    kind: fc.constant("batch" as const),
    accountId: fc.constantFrom("acc", "other"),
    upserts: fc.array(fileArbitrary, { maxLength: 5 }),
    removals: fc.array(fc.constantFrom("f0", "f1", "f2", "f3", "f4", "f5"), { maxLength: 3 }),
    generationStep: fc.constantFrom(0, 0, 1),
    completesFullListing: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("replay" as const), back: fc.nat(3) }),
);

function toRemoteFile(file: {
  remoteId: string;
  name: string;
  folderPath: string;
  contentVersion: string;
}): RemoteFile {
  return {
    ...file,
    mimeType: file.name.endsWith(".lrc") ? "text/plain" : "audio/mpeg",
    size: 1,
    parentId: `dir${file.folderPath}`,
    modifiedAt: 1,
  };
}

function applyToModel(model: Map<string, Map<string, ModelFile>>, batch: SyncBatch): void {
  let files = model.get(batch.accountId);
  if (files === undefined) {
    files = new Map();
    model.set(batch.accountId, files);
  }
  const upserted = new Map(batch.upserts.map((file) => [file.remoteId, file]));
  for (const remoteId of batch.removals) if (!upserted.has(remoteId)) files.delete(remoteId);
  for (const file of upserted.values()) {
    if (file.name.endsWith(".lrc")) {
      files.delete(file.remoteId);
      continue;
    }
    const generation = Math.max(batch.cursor.generation, files.get(file.remoteId)?.generation ?? 0);
    files.set(file.remoteId, {
      name: file.name,
      folderPath: file.folderPath,
      contentVersion: file.contentVersion,
      generation,
    });
  }
  if (batch.completesFullListing === true) {
    for (const [remoteId, file] of files)
      if (file.generation < batch.cursor.generation) files.delete(remoteId);
  }
}

describe("sync batches against a model", () => {
  it("leaves the library equal to the model after every step", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { minLength: 1, maxLength: 12 }), async (steps) => {
        const { library } = createLibrary();
        const model = new Map<string, Map<string, ModelFile>>();
        const applied: SyncBatch[] = [];
        const generations = new Map<string, number>();
        let token = 0;
        try {
          for (const step of steps) {
            let batch: SyncBatch | undefined;
            if (step.kind === "replay") {
              batch = applied[applied.length - 1 - step.back];
              if (batch === undefined) continue;
            } else {
              const generation = (generations.get(step.accountId) ?? 1) + step.generationStep;
              generations.set(step.accountId, generation);
              token++;
              batch = {
                accountId: step.accountId,
                provider: "google",
                upserts: step.upserts.map(toRemoteFile),
                removals: step.removals,
                cursor: { phase: "full", token: `t${token}`, generation, updatedAt: token },
                completesFullListing: step.completesFullListing,
              };
              applied.push(batch);
            }
            await library.applySyncBatch(batch);
            applyToModel(model, batch);
            const rows = await library.database.tracks.toArray();
            const actual = Object.fromEntries(
              rows.map((row) => [
                row.key,
                [row.fileName, row.folderPath, row.contentVersion, row.generation],
              ]),
            );
            const expected = Object.fromEntries(
              [...model].flatMap(([accountId, files]) =>
                [...files].map(([remoteId, file]) => [
                  trackKey(accountId, remoteId),
                  [file.name, file.folderPath, file.contentVersion, file.generation],
                ]),
              ),
            );
            expect(actual).toEqual(expected);
            expect(await library.getSyncCursor(batch.accountId)).toEqual(batch.cursor);
            const counts = await library.counts();
            expect(counts.tracks).toBe(rows.length);
            expect(counts.albums).toBe(new Set(rows.map((row) => row.albumId)).size);
            expect(counts.folders).toBe(new Set(rows.map((row) => row.folderId)).size);
          }
        } finally {
          library.destroy();
        }
      }),
      { numRuns: 60 },
    );
  });
});
