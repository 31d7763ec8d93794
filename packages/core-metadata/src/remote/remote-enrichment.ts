import type { Track } from "@player/core-library";
import type { RemoteEnrichment } from "../services/metadata-service.js";
import type { RemoteMetadataClients } from "./create-remote-metadata.js";

/**
 * Remote enrichment for the player from the three clients: a track's cover
 * is its MusicBrainz release's front image on the Cover Art Archive (the
 * release id from the tags when they have one, else a recording search), and
 * its lyrics come from LRCLIB by title, artist, album and duration.
 *
 * @example
 * ```ts
 * metadata.setRemote(remoteEnrichment(createRemoteMetadata(http, { userAgent })));
 * ```
 */
export function remoteEnrichment(
  clients: Pick<RemoteMetadataClients, "musicBrainz" | "coverArt" | "lrclib">,
  coverSize: 250 | 500 | 1200 = 500,
): RemoteEnrichment {
  return {
    async coverFor(track: Track, signal?: AbortSignal) {
      if (track.title.trim() === "" || track.artist.trim() === "") return undefined;
      const releaseId = await clients.musicBrainz.findRelease(
        {
          title: track.title,
          artist: track.artist,
          ...(track.album === "" ? {} : { album: track.album }),
          ...(track.durationMs === undefined ? {} : { durationMs: track.durationMs }),
          ...(track.details?.musicBrainz?.releaseId === undefined
            ? {}
            : { releaseId: track.details.musicBrainz.releaseId }),
        },
        signal,
      );
      if (releaseId === undefined) return undefined;
      const cover = await clients.coverArt.fetchFront(releaseId, {
        size: coverSize,
        ...(signal === undefined ? {} : { signal }),
      });
      return cover?.data;
    },
    async lyricsFor(track: Track, signal?: AbortSignal) {
      if (track.title.trim() === "" || track.artist.trim() === "") return undefined;
      const found = await clients.lrclib.get(
        {
          trackName: track.title,
          artistName: track.artist,
          ...(track.album === "" ? {} : { albumName: track.album }),
          ...(track.durationMs === undefined ? {} : { durationSeconds: track.durationMs / 1000 }),
        },
        signal,
      );
      return found === undefined
        ? undefined
        : {
            syncedLyrics: found.syncedLyrics,
            plainLyrics: found.plainLyrics,
            instrumental: found.instrumental,
          };
    },
  };
}
