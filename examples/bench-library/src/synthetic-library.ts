import type { RemoteFile, SyncBatch } from "@player/core-library";

/** A small seeded generator (mulberry32): the same seed gives the same library everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Real names are mixed in so the queries below find something, accents included.
const REAL_ARTISTS = [
  "Beyoncé",
  "Björk",
  "Sigur Rós",
  "Motörhead",
  "Café Tacvba",
  "Daft Punk",
  "Zoë Keating",
  "Mötley Crüe",
  "Françoise Hardy",
  "Ólafur Arnalds",
];
const NAME_WORDS = (
  "Anna Ben Chloé Dário Élodie Fatima Günther Hana Iñigo José Kai Léa Márton Nadia " +
  "Øystein Paulo Renée Søren Tomás Ümit Valérie Wojciech Xiomara Yusuf Zoltán " +
  "Black Silver Velvet Neon Northern Lost Golden Midnight Electric Quiet Wild " +
  "Crystal Paper"
).split(" ");
const NAME_ENDS = (
  "Orchestra|Quartet|Collective|Band|Trio|Sound System|Ensemble|Brothers|Müller|" +
  "García|Nguyễn|Kowalski|Öztürk|Dubois|Łukasz|Sørensen|Núñez"
).split("|");
const TITLE_WORDS = (
  "love song night drive heart light rain summer été corazón déjà vu naïve über " +
  "alles river city dream fire ocean blue golden hour dancing queen moon sun " +
  "shadow garden winter road home lonely electric paradise señorita mañana café " +
  "crème fiancée straße smörgåsbord encore última canción noche amour soleil mer " +
  "forever young broken wings silver lining stars fall rise storm"
).split(" ");

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function title(random: () => number, minWords: number, maxWords: number): string {
  const count = minWords + Math.floor(random() * (maxWords - minWords + 1));
  const words = Array.from({ length: count }, () => pick(random, TITLE_WORDS));
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function artistName(random: () => number, index: number): string {
  if (index < REAL_ARTISTS.length) return REAL_ARTISTS[index] as string;
  return `${pick(random, NAME_WORDS)} ${pick(random, NAME_ENDS)}`;
}

/**
 * The files of a synthetic library: `tracks` tracks in albums of 10, five
 * albums per artist, titles of 1–4 words from an accented word list.
 */
export function syntheticFiles(tracks: number, seed = 1): RemoteFile[] {
  const random = seededRandom(seed);
  const files: RemoteFile[] = [];
  let artist = "";
  let album = "";
  for (let i = 0; i < tracks; i++) {
    const albumIndex = Math.floor(i / 10);
    if (i % 10 === 0) {
      if (albumIndex % 5 === 0) artist = artistName(random, albumIndex / 5);
      album = title(random, 1, 3);
    }
    const trackTitle = title(random, 1, 4);
    const trackNumber = (i % 10) + 1;
    files.push({
      remoteId: `file-${i}`,
      name: `${String(trackNumber).padStart(2, "0")} ${trackTitle}.mp3`,
      mimeType: "audio/mpeg",
      size: 3_000_000 + Math.floor(random() * 7_000_000),
      parentId: `folder-${albumIndex}`,
      folderPath: `/Music/${artist}/${album}`,
      modifiedAt: 1_700_000_000_000 + i * 1000,
      contentVersion: `v1-${i}`,
      tags: {
        title: trackTitle,
        artist,
        album,
        trackNumber,
        trackCount: 10,
        year: 1960 + Math.floor(random() * 65),
        durationMs: 90_000 + Math.floor(random() * 400_000),
      },
    });
  }
  return files;
}

/** Splits files into sync batches of one full listing, as core-sync would store them. */
export function syncBatches(files: readonly RemoteFile[], batchSize: number): SyncBatch[] {
  const batches: SyncBatch[] = [];
  for (let start = 0; start < files.length; start += batchSize) {
    const end = Math.min(files.length, start + batchSize);
    batches.push({
      accountId: "google:bench",
      provider: "google",
      upserts: files.slice(start, end),
      removals: [],
      cursor: {
        phase: "full",
        token: end < files.length ? `page-${end}` : null,
        generation: 1,
        updatedAt: 0,
      },
    });
  }
  return batches;
}

/** Keystroke-sized queries: progressive prefixes of real names and titles, and two-word ones. */
export const BENCH_QUERIES: readonly string[] =
  "b|be|bey|beyo|beyonce|s|si|sig|sigur|sigur r|sigur ros|l|lo|lov|love|love s|love song|cora|corazon|night d|night drive|cafe tac".split(
    "|",
  );
