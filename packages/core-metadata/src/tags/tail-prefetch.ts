/**
 * How much of a file's end a tag read will want, by the format its name
 * suggests: fetched together with the head, it saves a round trip. Only a
 * guess: a name that lies costs a few wasted bytes, never a wrong answer.
 *
 * - MP3, WAV, AAC: music-metadata probes the last 128 bytes (ID3v1).
 * - M4A/MP4: the `moov` box often sits at the end (4 KiB holds a short one).
 * - Ogg, Opus: the last page gives the duration (our reader reads 4 KiB).
 * - FLAC: nothing (STREAMINFO at the start has the length).
 */
const TAIL_BYTES_BY_EXTENSION: Readonly<Record<string, number>> = {
  mp3: 128,
  wav: 128,
  wave: 128,
  aac: 128,
  m4a: 4096,
  mp4: 4096,
  ogg: 4096,
  oga: 4096,
  opus: 4096,
};

/** Bytes of the file's end worth fetching with its head; 0 when none (or unknown). */
export function tailPrefetchBytes(fileName: string | undefined): number {
  if (fileName === undefined) return 0;
  const dot = fileName.lastIndexOf(".");
  if (dot < 0) return 0;
  return TAIL_BYTES_BY_EXTENSION[fileName.slice(dot + 1).toLowerCase()] ?? 0;
}
