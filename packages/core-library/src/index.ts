export type { Track } from "./track.js";
export type { TrackIdentity, TrackKey } from "./track-identity.js";
export { parseTrackKey, trackKey } from "./track-identity.js";
