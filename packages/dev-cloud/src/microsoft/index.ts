/**
 * The Microsoft identity platform (SPA flavour) and the OneDrive part of
 * Microsoft Graph, as the emulator serves them.
 */
import type { DevCloudContext } from "../context.js";
import type { Router } from "../router.js";
import { createAuthorizePageHandler, createConsentHandler } from "./authorize-routes.js";
import { registerDeltaRoute } from "./delta-route.js";
import { registerDownloadRoutes } from "./download-routes.js";
import { DownloadUrlSigner } from "./download-url-signer.js";
import { DriveItemMapper } from "./drive-item-mapper.js";
import { registerDriveItemRoutes } from "./drive-item-routes.js";
import { registerMeRoutes } from "./me-routes.js";
import type { MicrosoftServices } from "./microsoft-services.js";
import { createTokenHandler } from "./token-route.js";
import { MicrosoftTokenStore } from "./token-store.js";

export { DELTA_TOKEN_RETENTION_MS } from "./delta-cursor.js";
export { DOWNLOAD_URL_LIFETIME_MS } from "./download-url-signer.js";
export { AUTHORIZATION_CODE_LIFETIME_MS, SPA_REFRESH_WINDOW_MS } from "./token-store.js";

/**
 * Adds the Microsoft sign-in and Graph routes (see `docs/routes.md`) to a
 * router. Codes and tokens live in memory for the router's lifetime.
 *
 * @param router - The server's router.
 * @param context - Library, clock, randomness, faults, clients and users.
 * @example
 * ```ts
 * const router = new Router();
 * registerMicrosoftRoutes(router, context);
 * ```
 */
export function registerMicrosoftRoutes(router: Router, context: DevCloudContext): void {
  const tokens = new MicrosoftTokenStore(context);
  const downloads = new DownloadUrlSigner(context);
  const services: MicrosoftServices = {
    context,
    tokens,
    downloads,
    items: new DriveItemMapper(context, downloads),
  };
  const identity = "/microsoft/:tenant/oauth2/v2.0";
  router.get(`${identity}/authorize`, createAuthorizePageHandler(context));
  router.post(`${identity}/authorize`, createConsentHandler(context, tokens));
  router.post(`${identity}/token`, createTokenHandler(context, tokens));
  registerMeRoutes(router, services);
  registerDriveItemRoutes(router, services);
  registerDeltaRoute(router, services);
  registerDownloadRoutes(router, services);
}
