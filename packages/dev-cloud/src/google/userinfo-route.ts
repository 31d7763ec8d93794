import type { DevCloudContext } from "../context.js";
import { sendJson } from "../http-response.js";
import type { RouteHandler } from "../router.js";
import { authenticateBearer } from "./bearer-auth.js";
import { sendInvalidCredentials } from "./drive-errors.js";
import type { GoogleAuthState } from "./google-auth-state.js";
import { userClaims } from "./user-claims.js";

/**
 * `GET /google/oauth2/v3/userinfo`: the signed-in user's claims, limited to
 * what the token's scopes allow (see {@link userClaims}).
 */
export function createUserinfoHandler(
  state: GoogleAuthState,
  context: DevCloudContext,
): RouteHandler {
  return (request, response) => {
    const record = authenticateBearer(request, response, state);
    if (record === undefined) return;
    const user = context.users.find((candidate) => candidate.id === record.grant.userId);
    if (user === undefined) {
      sendInvalidCredentials(response, true);
      return;
    }
    sendJson(response, 200, userClaims(user, record.grant.scopes));
  };
}
