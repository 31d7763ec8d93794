import type { FakeContext } from "./fake-context.js";

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
 * A small drive:
 * ```
 * /Music/a.mp3, b.mp3, broken.flac (not audio), gone.mp3 (trashed)
 * /Empty/
 * /notes.txt
 * /Old/ (trashed) → e.mp3
 * ```
 */
export function seedLibrary(fake: FakeContext): SeededIds {
  const library = fake.library;
  const music = library.addFolder({ name: "Music", parentId: library.rootId });
  const songA = library.addTrack("a.mp3", music.id, { title: "Alpha", durationMs: 4_000 });
  const songB = library.addTrack("b.mp3", music.id, { title: "Beta" });
  const notAudio = library.addTrack("broken.flac", music.id, {
    broken: "not-audio",
    format: "flac",
  });
  const trashedSong = library.addTrack("gone.mp3", music.id);
  library.setTrashed(trashedSong.id, true);
  const empty = library.addFolder({ name: "Empty", parentId: library.rootId });
  const notes = library.addFile({
    name: "notes.txt",
    parentId: library.rootId,
    mimeType: "text/plain",
    bytes: new TextEncoder().encode("hello"),
  });
  const oldFolder = library.addFolder({ name: "Old", parentId: library.rootId });
  const songInOld = library.addTrack("e.mp3", oldFolder.id);
  library.setTrashed(oldFolder.id, true);
  return {
    music: music.id,
    songA: songA.id,
    songB: songB.id,
    notAudio: notAudio.id,
    trashedSong: trashedSong.id,
    empty: empty.id,
    notes: notes.id,
    oldFolder: oldFolder.id,
    songInOld: songInOld.id,
  };
}
