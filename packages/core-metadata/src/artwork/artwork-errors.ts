import { PlayerError, type PlayerErrorDetails } from "@player/core-runtime";

/**
 * Why a picture was refused: not an image at all, a format the player does
 * not show, over the size limits, or undecodable past a valid header.
 */
export type ArtworkRejection = "not-an-image" | "unsupported-type" | "too-large" | "corrupt";

/**
 * The error of a refused picture: `metadata/artwork-unreadable` with
 * `details.reason` set to an {@link ArtworkRejection}.
 */
export function artworkError(
  reason: ArtworkRejection,
  message: string,
  details: PlayerErrorDetails = {},
  cause?: unknown,
): PlayerError {
  return new PlayerError("metadata/artwork-unreadable", message, {
    details: { ...details, reason },
    ...(cause === undefined ? {} : { cause }),
  });
}
