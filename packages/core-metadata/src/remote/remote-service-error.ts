import { PlayerError, type PlayerErrorCode } from "@player/core-runtime";

/** The online services the remote metadata clients talk to. */
export type RemoteService = "musicbrainz" | "coverartarchive" | "lrclib";

/** Why a service's answer could not be used. */
export type RemoteFailureReason =
  /** The body is not JSON. */
  | "invalid-json"
  /** JSON, but not in the shape the service documents. */
  | "unexpected-shape"
  /** More bytes than any sane answer of this kind. */
  | "too-large"
  /** An image endpoint answered with something that is no image. */
  | "not-an-image"
  /** The service refused the client itself (MusicBrainz: 403 without a User-Agent). */
  | "refused"
  /** Still rate limited after every retry. */
  | "rate-limited"
  /** A status the client has no meaning for. */
  | "unexpected-status";

/** The code of every remote failure; `details.service` and `details.reason` tell the cases apart. */
export const REMOTE_FAILURE_CODE: PlayerErrorCode = "metadata/remote-failed";

/** What {@link remoteServiceError} records besides the message. */
export interface RemoteFailure {
  service: RemoteService;
  reason: RemoteFailureReason;
  /** The URL without its query string (it may hold what the user listens to). */
  url: string;
  status?: number;
  retryable?: boolean;
  cause?: unknown;
}

/**
 * A {@link PlayerError} for a service answer the client cannot use; details
 * carry `service`, `reason`, `url` and `status`.
 */
export function remoteServiceError(message: string, failure: RemoteFailure): PlayerError {
  return new PlayerError(REMOTE_FAILURE_CODE, message, {
    retryable: failure.retryable ?? false,
    cause: failure.cause,
    details: {
      service: failure.service,
      reason: failure.reason,
      url: failure.url,
      status: failure.status ?? null,
    },
  });
}

/** `url` without query and fragment, for messages and details. */
export function urlWithoutQuery(url: string | URL): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
