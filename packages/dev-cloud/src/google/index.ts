export type { DriveErrorBody, DriveErrorItem } from "./drive-errors.js";
export type { DriveFile } from "./drive-file-resource.js";
export { FOLDER_MIME_TYPE } from "./drive-file-resource.js";
export { registerGoogleRoutes } from "./google-routes.js";
export { GOOGLE_SCOPES } from "./google-scopes.js";
export type { OAuthErrorBody } from "./oauth-errors.js";
export type { TokenSuccessBody } from "./token-endpoint.js";
export type { GoogleUserClaims } from "./user-claims.js";
