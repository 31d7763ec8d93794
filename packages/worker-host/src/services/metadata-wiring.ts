import type { LibraryService } from "@player/core-library";
import {
  lazyRemoteEnrichment,
  MetadataService,
  type RemoteEnrichment,
  readEmbeddedPicture,
} from "@player/core-metadata";
import type {
  DeepReadonly,
  EventBus,
  HttpClient,
  Logger,
  PlayerConfig,
  StorageProvider,
} from "@player/core-runtime";

/** What the metadata service of the worker is built from. */
export interface MetadataWiring {
  bus: EventBus;
  library: LibraryService;
  config: DeepReadonly<PlayerConfig>;
  http: HttpClient;
  accountIds: () => Promise<readonly string[]>;
  storageFor: (accountId: string) => StorageProvider | undefined;
  logger: Logger;
}

/** The worker's {@link MetadataService}, configured from `config.metadata`. */
export function createMetadataService(wiring: MetadataWiring): MetadataService {
  const { bus, library, config, http, accountIds, storageFor, logger } = wiring;
  return new MetadataService({
    bus,
    library,
    accountIds,
    storageFor,
    readEmbeddedPicture,
    scanConcurrency: config.metadata.scanConcurrency,
    ...optional("remote", remoteFromConfig(config, http, logger)),
    logger: logger.child("metadata"),
  });
}

/**
 * Remote enrichment as `config.metadata.remote` asks: `undefined` when off.
 *
 * @throws PlayerError `runtime/invalid-config` when it is on without a `userAgent`.
 */
export function remoteFromConfig(
  config: DeepReadonly<PlayerConfig>,
  http: HttpClient,
  logger: Logger,
): RemoteEnrichment | undefined {
  const remote = config.metadata.remote;
  if (!remote.enabled) return undefined;
  // The clients' code loads on the first cover or lyrics asked of them.
  return lazyRemoteEnrichment(
    http,
    {
      userAgent: remote.userAgent,
      musicBrainzUrl: remote.musicBrainzUrl,
      coverArtUrl: remote.coverArtUrl,
      lrclibUrl: remote.lrclibUrl,
    },
    { logger },
  );
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
