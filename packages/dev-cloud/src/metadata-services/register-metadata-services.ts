import type { DevCloudContext } from "../context.js";
import type { ContentRenderer } from "../library/library-types.js";
import type { Router } from "../router.js";
import { registerCoverArtRoutes } from "./cover-art-routes.js";
import { LrclibCatalog } from "./lrclib-catalog.js";
import { registerLrclibRoutes } from "./lrclib-routes.js";
import { registerMusicBrainzRoutes } from "./musicbrainz-routes.js";

/**
 * Registers the lyrics and artwork services (LRCLIB, MusicBrainz recording
 * search, Cover Art Archive), all answering from the library's tracks.
 *
 * @param router - The server's router.
 * @param context - The emulator context.
 * @param renderer - The library's renderer: LRCLIB serves exactly the `.lrc` text it renders.
 */
export function registerMetadataServiceRoutes(
  router: Router,
  context: DevCloudContext,
  renderer: Pick<ContentRenderer, "renderLyrics">,
): void {
  const catalog = new LrclibCatalog(
    () => context.library.tracks(),
    (track) => renderer.renderLyrics(track),
  );
  registerLrclibRoutes(router, catalog);
  registerMusicBrainzRoutes(router, context);
  registerCoverArtRoutes(router, context);
}
