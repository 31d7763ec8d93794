import type { AuthProvidersConfig } from "@player/main-bridge";

/**
 * Sign-in against the local dev-cloud, which `pnpm demo` starts on port 8787
 * (`?cloud=http://127.0.0.1:PORT` picks another one). Against the real
 * providers, leave the endpoints out (the presets point at Google and
 * Microsoft), use your own client ids, and point `tokenExchangeEndpoint` at
 * your backend, which adds Google's client secret.
 */
export const cloudOrigin =
  new URLSearchParams(window.location.search).get("cloud") ?? "http://127.0.0.1:8787";

const redirectUri = new URL("callback.html", window.location.href).href;

export const localAuth: AuthProvidersConfig = {
  google: {
    clientId: "dev-google-client.apps.googleusercontent.com",
    redirectUri,
    tokenExchangeEndpoint: `${cloudOrigin}/app/google/token`,
    authorizationEndpoint: `${cloudOrigin}/google/o/oauth2/v2/auth`,
    revocationEndpoint: `${cloudOrigin}/google/revoke`,
    userInfoEndpoint: `${cloudOrigin}/google/oauth2/v3/userinfo`,
    apiBaseUrl: `${cloudOrigin}/google/drive/v3`,
  },
  microsoft: {
    clientId: "11111111-2222-3333-4444-555555555555",
    redirectUri,
    authorizationEndpoint: `${cloudOrigin}/microsoft/common/oauth2/v2.0/authorize`,
    tokenEndpoint: `${cloudOrigin}/microsoft/common/oauth2/v2.0/token`,
    userInfoEndpoint: `${cloudOrigin}/graph/v1.0/me`,
    apiBaseUrl: `${cloudOrigin}/graph/v1.0`,
  },
};

/**
 * Remote metadata enrichment against the dev-cloud's MusicBrainz, Cover Art
 * Archive and LRCLIB emulations, on with `?remote=1` (off by default, as in
 * the SDK: it sends titles and artists to those services).
 */
export const localRemoteMetadata = {
  enabled: new URLSearchParams(window.location.search).get("remote") === "1",
  userAgent: "PlayerDemo/0.0 ( local demo )",
  musicBrainzUrl: `${cloudOrigin}/musicbrainz/ws/2`,
  coverArtUrl: `${cloudOrigin}/coverartarchive`,
  lrclibUrl: `${cloudOrigin}/lrclib/api`,
};
