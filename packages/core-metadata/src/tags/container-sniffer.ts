/** What a file's first bytes say it is, for choosing a reader (the MIME type is only a hint). */
export type ContainerKind = "ogg" | "flac" | "mp4" | "id3" | "riff" | "other";

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/**
 * Sniffs the container from the first bytes of a file.
 *
 * - `ogg`: "OggS"; `flac`: "fLaC" (FLAC behind an ID3v2 tag sniffs as `id3`);
 * - `mp4`: an `ftyp` box first; `id3`: an ID3v2 tag first (MP3, AAC…);
 * - `riff`: a RIFF/WAVE file; `other`: anything else.
 */
export function sniffContainer(head: Uint8Array): ContainerKind {
  const magic = ascii(head, 0, 4);
  if (magic === "OggS") return "ogg";
  if (magic === "fLaC") return "flac";
  if (ascii(head, 4, 8) === "ftyp") return "mp4";
  if (magic.startsWith("ID3")) return "id3";
  if (magic === "RIFF" && ascii(head, 8, 12) === "WAVE") return "riff";
  return "other";
}

/**
 * Containers whose tags music-metadata reads whole anyway (ID3v2, MP4
 * `ilst`, a WAV's `id3 ` chunk): parsing them with their pictures costs no
 * extra bytes, and tells whether there is one.
 */
export function picturesComeFree(kind: ContainerKind): boolean {
  return kind === "mp4" || kind === "id3" || kind === "riff";
}
