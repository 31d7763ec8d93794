import type { DevCloudContext } from "../context.js";
import type { DownloadUrlSigner } from "./download-url-signer.js";
import type { DriveItemMapper } from "./drive-item-mapper.js";
import type { MicrosoftTokenStore } from "./token-store.js";

/** Graph's API root on the emulator; real Graph serves it at `https://graph.microsoft.com/v1.0`. */
export const GRAPH_BASE_PATH = "/graph/v1.0";

/** What the Graph route modules share, built once by `registerMicrosoftRoutes`. */
export interface MicrosoftServices {
  readonly context: DevCloudContext;
  readonly tokens: MicrosoftTokenStore;
  readonly items: DriveItemMapper;
  readonly downloads: DownloadUrlSigner;
}

/** The absolute URL of a Graph path on this server (`@odata.*` links are absolute). */
export function graphUrl(services: MicrosoftServices, path: string): string {
  return `${services.context.origin()}${GRAPH_BASE_PATH}${path}`;
}
