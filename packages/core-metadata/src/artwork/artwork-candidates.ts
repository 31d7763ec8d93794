import type { ArtworkSource } from "@player/core-library";
import { coverImageRank } from "@player/core-library";

/** An image file in the track's folder, read only when its turn comes. */
export interface FolderImageFile {
  /** File name with extension (`Cover.JPG`). */
  name: string;
  read(): Promise<Uint8Array>;
}

/** Where a track's picture may come from; each source is asked only if the ones before it had none. */
export interface ArtworkSources {
  /** The picture embedded in the audio file (ID3 APIC, FLAC PICTURE, MP4 covr). */
  readEmbedded?: () => Promise<{ mimeType: string; data: Uint8Array } | undefined>;
  /** Image files beside the track; only `cover`, `folder` and `front` (jpg, jpeg, png, webp) are used. */
  folderImages?: readonly FolderImageFile[];
  /** Remote enrichment (Cover Art Archive…); give it only when the host enabled it. */
  readRemote?: () => Promise<Uint8Array | undefined>;
}

/** A picture as a source gave it: bytes, and the type its tag or file name claims. */
export interface CandidatePicture {
  data: Uint8Array;
  declaredMimeType?: string;
}

/** One place to ask for a picture, in priority order. */
export interface ArtworkCandidate {
  source: ArtworkSource;
  /** The file name, for folder images. */
  name?: string;
  read(): Promise<CandidatePicture | undefined>;
}

const EXTENSION_TYPES: Readonly<Record<string, string>> = Object.freeze({
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
});

/** The embedded picture (unless the file is known to have none), or nothing. */
export function embeddedCandidates(
  sources: ArtworkSources,
  hasEmbeddedPicture: boolean | undefined,
): ArtworkCandidate[] {
  const readEmbedded = sources.readEmbedded;
  if (readEmbedded === undefined || hasEmbeddedPicture === false) return [];
  return [
    {
      source: "embedded",
      read: async () => {
        const picture = await readEmbedded();
        return picture === undefined
          ? undefined
          : { data: picture.data, declaredMimeType: picture.mimeType };
      },
    },
  ];
}

/** Cover files of the folder, `cover` before `folder` before `front` (case-insensitive), then the remote source. */
export function folderAndRemoteCandidates(sources: ArtworkSources): ArtworkCandidate[] {
  const covers = (sources.folderImages ?? [])
    .map((file) => ({ file, rank: coverImageRank(file.name) }))
    .filter((entry): entry is { file: FolderImageFile; rank: number } => entry.rank !== undefined)
    // Same rank (cover.jpg and cover.png): by name, so the choice does not depend on listing order.
    .sort((a, b) => a.rank - b.rank || compareNames(a.file.name, b.file.name));
  const candidates: ArtworkCandidate[] = covers.map(({ file }) => {
    const extension = file.name.slice(file.name.lastIndexOf(".") + 1).toLowerCase();
    const declaredMimeType = EXTENSION_TYPES[extension];
    return {
      source: "folder",
      name: file.name,
      read: async () => {
        const data = await file.read();
        return declaredMimeType === undefined ? { data } : { data, declaredMimeType };
      },
    };
  });
  const readRemote = sources.readRemote;
  if (readRemote !== undefined) {
    candidates.push({
      source: "remote",
      read: async () => {
        const data = await readRemote();
        return data === undefined ? undefined : { data };
      },
    });
  }
  return candidates;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
