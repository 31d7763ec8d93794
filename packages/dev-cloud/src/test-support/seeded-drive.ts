import type { DevUser } from "../context.js";
import type { GeneratedLibrary } from "../library/generate-library.js";
import type { LibraryStore } from "../library/library-types.js";
import { itemAt, LibraryPlan } from "./library-plan.js";
import { TEST_START } from "./test-context.js";
import { startTestServer, type TestServer } from "./test-server.js";

/** Ids of the seeded items, for assertions. */
export interface SeededIds {
  music: string;
  songA: string;
  songB: string;
  notAudio: string;
  trashedSong: string;
  empty: string;
  notes: string;
  oldFolder: string;
  songInOld: string;
}

/**
 * Starts a {@link startTestServer} server over a small drive, every item
 * created at {@link TEST_START}:
 * ```
 * /Music/a.mp3, b.mp3, broken.flac (not audio), gone.mp3
 * /Empty/
 * /notes.txt ("hello")
 * /Old/ → e.mp3
 * ```
 * then trashes `gone.mp3` and `Old`.
 *
 * @param users - Who can sign in; default the dev users.
 * @returns The server and the ids of the seeded items.
 */
export async function startSeededDrive(
  users?: readonly DevUser[],
): Promise<{ server: TestServer; ids: SeededIds }> {
  const server = await startTestServer({
    library: seededDrive(),
    ...(users === undefined ? {} : { users }),
  });
  return { server, ids: trashSeededItems(server.context.library) };
}

function seededDrive(): GeneratedLibrary {
  return new LibraryPlan(TEST_START)
    .folder("Music")
    .track("Music/a.mp3", { title: "Alpha", durationMs: 4_000 })
    .track("Music/b.mp3", { title: "Beta" })
    .track("Music/broken.flac", { broken: "not-audio", format: "flac" })
    .track("Music/gone.mp3")
    .folder("Empty")
    .file("notes.txt", "hello", "text/plain")
    .folder("Old")
    .track("Old/e.mp3")
    .build();
}

function trashSeededItems(library: LibraryStore): SeededIds {
  const id = (path: string) => itemAt(library, path).id;
  const ids: SeededIds = {
    music: id("Music"),
    songA: id("Music/a.mp3"),
    songB: id("Music/b.mp3"),
    notAudio: id("Music/broken.flac"),
    trashedSong: id("Music/gone.mp3"),
    empty: id("Empty"),
    notes: id("notes.txt"),
    oldFolder: id("Old"),
    songInOld: id("Old/e.mp3"),
  };
  library.setTrashed(ids.trashedSong, true);
  library.setTrashed(ids.oldFolder, true);
  return ids;
}
