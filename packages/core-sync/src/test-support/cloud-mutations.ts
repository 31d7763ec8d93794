/**
 * Changes to a dev-cloud library through its admin API (and the library
 * store for new folders, which the admin API does not create), picked from
 * the current state by small integers so fast-check can drive them.
 */
import type { DevCloud } from "@player/dev-cloud";
import { audioFileKind } from "../audio-file-kind.js";

/** Every kind of change the tests make. */
export const MUTATION_KINDS = [
  "add",
  "rename",
  "move",
  "modify",
  "delete",
  "trash",
  "untrash",
  "rename-folder",
  "move-folder",
  "add-folder",
  "trash-folder",
  "delete-folder",
  "to-non-audio",
  "lyrics-to-audio",
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

/** A change: its kind and a seed that picks what it applies to. */
export interface Mutation {
  kind: MutationKind;
  pick: number;
}

let counter = 0;

/** Applies one change; a change with nothing to apply to does nothing. Returns what it did. */
export async function applyMutation(cloud: DevCloud, mutation: Mutation): Promise<string> {
  const library = cloud.context.library;
  const admin = cloud.admin;
  const items = library.all();
  const live = items.filter((item) => !item.trashed);
  const audio = live.filter(
    (item) => item.kind === "file" && audioFileKind(item.name, item.mimeType) !== undefined,
  );
  const folders = [
    library.get(library.rootId),
    ...live.filter((item) => item.kind === "folder"),
  ].filter((item) => item !== undefined);
  const lyrics = audio.filter(
    (item) => item.kind === "file" && audioFileKind(item.name, item.mimeType) === "lrc",
  );
  const subfolders = folders.filter((folder) => folder.parentId !== null);
  const trashed = items.filter((item) => library.isExplicitlyTrashed(item.id));
  const pick = <T>(list: readonly T[], salt = 0): T | undefined =>
    list.length === 0 ? undefined : list[(mutation.pick + salt * 7919) % list.length];
  const n = ++counter;
  switch (mutation.kind) {
    case "add": {
      const folder = pick(folders);
      if (folder === undefined) return "add: no folder";
      const name = `Added ${n}.${["mp3", "flac", "lrc", "ogg"][n % 4]}`;
      await admin.addFile({ name, parentId: folder.id, content: `audio ${n}` });
      return `add ${name}`;
    }
    case "rename": {
      const file = pick(audio);
      if (file === undefined) return "rename: none";
      const extension = file.name.slice(file.name.lastIndexOf("."));
      await admin.updateFile(file.id, { name: `Renamed ${n}${extension}` });
      return `rename ${file.id}`;
    }
    case "move": {
      const file = pick(audio);
      const folder = pick(folders, 1);
      if (file === undefined || folder === undefined) return "move: none";
      await admin.updateFile(file.id, { parentId: folder.id });
      return `move ${file.id}`;
    }
    case "modify": {
      const file = pick(audio);
      if (file === undefined) return "modify: none";
      await admin.updateFile(file.id, { content: `new content ${n} ${"x".repeat(n % 13)}` });
      return `modify ${file.id}`;
    }
    case "delete": {
      const file = pick(audio);
      if (file === undefined) return "delete: none";
      await admin.deleteFile(file.id);
      return `delete ${file.id}`;
    }
    case "trash": {
      const file = pick(audio);
      if (file === undefined) return "trash: none";
      await admin.updateFile(file.id, { trashed: true });
      return `trash ${file.id}`;
    }
    case "untrash": {
      const item = pick(trashed);
      if (item === undefined) return "untrash: none";
      await admin.updateFile(item.id, { trashed: false });
      return `untrash ${item.id}`;
    }
    case "rename-folder": {
      const folder = pick(subfolders);
      if (folder === undefined) return "rename-folder: none";
      await admin.updateFile(folder.id, { name: `Folder ${n}` });
      return `rename-folder ${folder.id}`;
    }
    case "move-folder": {
      const folder = pick(subfolders);
      const into = pick(folders, 1);
      if (folder === undefined || into === undefined) return "move-folder: none";
      try {
        await admin.updateFile(folder.id, { parentId: into.id });
      } catch {
        return "move-folder: cycle";
      }
      return `move-folder ${folder.id}`;
    }
    case "add-folder": {
      const parent = pick(folders);
      if (parent === undefined) return "add-folder: none";
      const folder = library.addFolder({ name: `New folder ${n}`, parentId: parent.id });
      await admin.addFile({
        name: `In new folder ${n}.mp3`,
        parentId: folder.id,
        content: `audio ${n}`,
      });
      return `add-folder ${folder.id}`;
    }
    case "trash-folder": {
      const folder = pick(subfolders);
      if (folder === undefined) return "trash-folder: none";
      await admin.updateFile(folder.id, { trashed: true });
      return `trash-folder ${folder.id}`;
    }
    case "delete-folder": {
      const folder = pick(subfolders);
      if (folder === undefined) return "delete-folder: none";
      await admin.deleteFile(folder.id);
      return `delete-folder ${folder.id}`;
    }
    case "to-non-audio": {
      const file = pick(audio);
      if (file === undefined) return "to-non-audio: none";
      await admin.updateFile(file.id, { name: `Not music ${n}.txt` });
      return `to-non-audio ${file.id}`;
    }
    case "lyrics-to-audio": {
      // The MIME type stays `text/plain`: the name decides what the file is now.
      const file = pick(lyrics);
      if (file === undefined) return "lyrics-to-audio: none";
      await admin.updateFile(file.id, { name: `Was lyrics ${n}.mp3` });
      return `lyrics-to-audio ${file.id}`;
    }
  }
}
