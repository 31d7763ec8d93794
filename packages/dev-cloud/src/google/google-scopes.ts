/** Scope URLs the emulator knows about; everything under `auth/` is accepted. */
export const GOOGLE_SCOPES = {
  drive: "https://www.googleapis.com/auth/drive",
  driveReadonly: "https://www.googleapis.com/auth/drive.readonly",
  driveMetadata: "https://www.googleapis.com/auth/drive.metadata",
  driveMetadataReadonly: "https://www.googleapis.com/auth/drive.metadata.readonly",
  driveFile: "https://www.googleapis.com/auth/drive.file",
  userinfoEmail: "https://www.googleapis.com/auth/userinfo.email",
  userinfoProfile: "https://www.googleapis.com/auth/userinfo.profile",
  openid: "openid",
} as const;

const SCOPE_PREFIX = "https://www.googleapis.com/auth/";

/** Human-readable lines for the consent page (Drive texts from the discovery doc). */
export const SCOPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  [GOOGLE_SCOPES.drive]: "See, edit, create, and delete all of your Google Drive files",
  [GOOGLE_SCOPES.driveReadonly]: "See and download all your Google Drive files",
  [GOOGLE_SCOPES.driveMetadataReadonly]: "See information about your Google Drive files",
  [GOOGLE_SCOPES.driveMetadata]: "View and manage metadata of files in your Google Drive",
  [GOOGLE_SCOPES.driveFile]:
    "See, edit, create, and delete only the specific Google Drive files you use with this app",
  [GOOGLE_SCOPES.userinfoEmail]: "See your primary Google Account email address",
  [GOOGLE_SCOPES.userinfoProfile]:
    "See your personal info, including any personal info you've made publicly available",
  [GOOGLE_SCOPES.openid]: "Associate you with your personal info on Google",
};

/** The result of {@link parseScopes}. */
export type ParsedScopes = { ok: true; scopes: string[] } | { ok: false; invalid: string };

/**
 * Splits a space-separated `scope` parameter, maps the OpenID shorthands
 * `email`/`profile` to the URLs Google reports back in `scope`, and drops duplicates.
 *
 * @returns The normalised scopes in request order, or the first unknown one.
 */
export function parseScopes(raw: string): ParsedScopes {
  const scopes: string[] = [];
  for (const part of raw.split(/\s+/)) {
    if (part === "") continue;
    const scope =
      part === "email"
        ? GOOGLE_SCOPES.userinfoEmail
        : part === "profile"
          ? GOOGLE_SCOPES.userinfoProfile
          : part;
    const known =
      scope === GOOGLE_SCOPES.openid ||
      (scope.startsWith(SCOPE_PREFIX) &&
        /^[a-z][a-z0-9._-]*$/.test(scope.slice(SCOPE_PREFIX.length)));
    if (!known) return { ok: false, invalid: part };
    if (!scopes.includes(scope)) scopes.push(scope);
  }
  return { ok: true, scopes };
}

/** What a token may do with Drive. */
export type DriveAccess = "content" | "metadata" | "none";

/**
 * The Drive access a set of scopes grants. `drive.file` counts as none: the
 * emulated app never created or opened files, so it could see nothing anyway.
 */
export function driveAccess(scopes: readonly string[]): DriveAccess {
  if (scopes.includes(GOOGLE_SCOPES.drive) || scopes.includes(GOOGLE_SCOPES.driveReadonly)) {
    return "content";
  }
  if (
    scopes.includes(GOOGLE_SCOPES.driveMetadata) ||
    scopes.includes(GOOGLE_SCOPES.driveMetadataReadonly)
  ) {
    return "metadata";
  }
  return "none";
}
