import type { DevCloudContext } from "../context.js";
import type { Router } from "../router.js";
import { createAuthorizePageHandler, createConsentSubmitHandler } from "./authorize-routes.js";
import { createChangesListHandler, createStartPageTokenHandler } from "./drive-changes-routes.js";
import { createFilesGetHandler, createFilesListHandler } from "./drive-files-routes.js";
import { GoogleAuthState } from "./google-auth-state.js";
import {
  createAppTokenHandler,
  createRevokeHandler,
  createTokenHandler,
  revokeGetHandler,
} from "./token-routes.js";
import { createUserinfoHandler } from "./userinfo-route.js";

/**
 * Registers the emulated Google services on `router`: OAuth (authorize,
 * token, revoke, userinfo), Drive v3 (files, changes) and the host app's
 * token exchange `/app/google/token`. Paths are those of `docs/routes.md`.
 * Codes and tokens live in memory for the router's life.
 *
 * @example
 * ```ts
 * const router = new Router();
 * registerGoogleRoutes(router, context);
 * ```
 */
export function registerGoogleRoutes(router: Router, context: DevCloudContext): void {
  const state = new GoogleAuthState(context.clock, context.random, context.faults);
  router
    .get("/google/o/oauth2/v2/auth", createAuthorizePageHandler(state, context))
    .post("/google/o/oauth2/v2/auth", createConsentSubmitHandler(state, context))
    .post("/google/token", createTokenHandler(state, context))
    .post("/google/revoke", createRevokeHandler(state))
    .get("/google/revoke", revokeGetHandler)
    .get("/google/oauth2/v3/userinfo", createUserinfoHandler(state, context))
    .get("/google/drive/v3/files", createFilesListHandler(state, context))
    .get("/google/drive/v3/files/:fileId", createFilesGetHandler(state, context))
    .get("/google/drive/v3/changes/startPageToken", createStartPageTokenHandler(state, context))
    .get("/google/drive/v3/changes", createChangesListHandler(state, context))
    .post("/app/google/token", createAppTokenHandler(state, context));
}
