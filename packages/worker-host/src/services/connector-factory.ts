import type { AuthProvidersConfig } from "@player/core-auth";
import type { AccountSummary, HttpClient, TokenSource } from "@player/core-runtime";
import {
  GoogleDriveConnector,
  OneDriveConnector,
  ProviderApi,
  type SyncConnector,
} from "@player/core-sync";
import PQueue from "p-queue";

/** Provider API requests in flight at once, across every account. */
const CONCURRENT_REQUESTS = 4;

/** What {@link createConnectorFactory} needs. */
export interface ConnectorFactoryOptions {
  /** The worker's shared client; read at each new connector, so a reconfigured one is picked up. */
  http: () => HttpClient;
  tokens: TokenSource;
  /** The sign-in config; its `apiBaseUrl`s (validated by core-auth) replace the real APIs. */
  providers: AuthProvidersConfig;
}

/**
 * Builds the function SyncService calls for each account: a Drive or OneDrive
 * connector on the shared HttpClient, tokens from AuthService, one request
 * queue for all of them, and the configured API base URL.
 */
export function createConnectorFactory(
  options: ConnectorFactoryOptions,
): (account: Pick<AccountSummary, "id" | "provider">) => SyncConnector {
  const queue = new PQueue({ concurrency: CONCURRENT_REQUESTS });
  return (account) => {
    const api = new ProviderApi({
      provider: account.provider,
      accountId: account.id,
      http: options.http(),
      tokens: options.tokens,
      queue,
    });
    if (account.provider === "google") {
      const baseUrl = options.providers.google?.apiBaseUrl;
      return new GoogleDriveConnector(baseUrl === undefined ? { api } : { api, baseUrl });
    }
    const baseUrl = options.providers.microsoft?.apiBaseUrl;
    return new OneDriveConnector(baseUrl === undefined ? { api } : { api, baseUrl });
  };
}
