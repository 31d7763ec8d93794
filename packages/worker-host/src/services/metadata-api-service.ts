import type { TrackKey } from "@player/core-library";
import type { MetadataService } from "@player/core-metadata";
import { type MetadataProgressData, PlayerError } from "@player/core-runtime";
import type { MetadataApi } from "../library-api.js";

/** `player.metadata`: checks the page's arguments and passes them to the {@link MetadataService}. */
export class MetadataApiService implements MetadataApi {
  readonly #metadata: MetadataService;

  constructor(metadata: MetadataService) {
    this.#metadata = metadata;
  }

  async prioritize(keys: readonly TrackKey[]): Promise<void> {
    if (!Array.isArray(keys) || !keys.every((key) => typeof key === "string")) {
      throw new PlayerError(
        "runtime/invalid-argument",
        'Argument "keys" must be an array of strings',
        {
          details: { argument: "keys" },
        },
      );
    }
    this.#metadata.prioritize(keys);
  }

  async getScanStatus(): Promise<MetadataProgressData> {
    return this.#metadata.scanStatus;
  }
}
