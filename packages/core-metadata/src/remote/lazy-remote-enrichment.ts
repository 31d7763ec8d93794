import type { Track } from "@player/core-library";
import type { HttpClient } from "@player/core-runtime";
import type { RemoteEnrichment } from "../services/metadata-service.js";
import type { RemoteMetadataDependencies } from "./create-remote-metadata.js";
import {
  type RemoteMetadataOptions,
  resolveRemoteMetadataOptions,
} from "./remote-metadata-options.js";

/**
 * {@link remoteEnrichment} whose clients are loaded on first use: the options
 * are checked now (a bad one throws `runtime/invalid-config` at once), the
 * MusicBrainz, Cover Art Archive and LRCLIB code only when a cover or lyrics
 * are first asked for, so a player without remote enrichment never loads it.
 * One set of clients serves every call (MusicBrainz's spacing holds across them).
 *
 * @example
 * ```ts
 * metadata.setRemote(lazyRemoteEnrichment(http, { userAgent: "MyPlayer/1.0 ( https://myplayer.example )" }));
 * ```
 */
export function lazyRemoteEnrichment(
  http: HttpClient,
  options: RemoteMetadataOptions,
  dependencies: RemoteMetadataDependencies = {},
): RemoteEnrichment {
  resolveRemoteMetadataOptions(options);
  let loaded: Promise<RemoteEnrichment> | undefined;
  const load = () => {
    loaded ??= Promise.all([
      import("./create-remote-metadata.js"),
      import("./remote-enrichment.js"),
    ]).then(([{ createRemoteMetadata }, { remoteEnrichment }]) =>
      remoteEnrichment(createRemoteMetadata(http, options, dependencies)),
    );
    return loaded;
  };
  return {
    coverFor: async (track: Track, signal?: AbortSignal) => (await load()).coverFor(track, signal),
    lyricsFor: async (track: Track, signal?: AbortSignal) =>
      (await load()).lyricsFor(track, signal),
  };
}
