import type { RemoteFile } from "./sync-contract.js";

/** Base names (lower case) of the image files taken for an album's cover, best first. */
export const COVER_IMAGE_NAMES: readonly string[] = Object.freeze(["cover", "folder", "front"]);

const COVER_IMAGE = /^(cover|folder|front)\.(?:jpe?g|png|webp)$/i;

/**
 * True for an album cover beside the music: `cover`, `folder` or `front` with
 * a `jpg`, `jpeg`, `png` or `webp` extension, in any case.
 */
export function isCoverImageName(name: string): boolean {
  return COVER_IMAGE.test(name);
}

/**
 * How much a cover file name is preferred: 0 for `cover.*`, 1 for `folder.*`,
 * 2 for `front.*`; `undefined` for other names.
 */
export function coverImageRank(name: string): number | undefined {
  const match = COVER_IMAGE.exec(name);
  return match === null ? undefined : COVER_IMAGE_NAMES.indexOf((match[1] ?? "").toLowerCase());
}

/** What a listed file is to the library: a track, an `.lrc` sidecar or a cover image. */
export type ListedFileKind = "audio" | "lyrics" | "cover";

/**
 * The kind of a listed file. The name decides, as it does in core-sync:
 * providers report generic MIME types (a `.mp3` may be `text/plain`), and a
 * track taken for a sidecar would vanish.
 */
export function listedFileKind(file: Pick<RemoteFile, "name">): ListedFileKind {
  if (file.name.toLowerCase().endsWith(".lrc")) return "lyrics";
  if (isCoverImageName(file.name)) return "cover";
  return "audio";
}
