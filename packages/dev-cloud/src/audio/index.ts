/**
 * The emulator's audio: generated tracks as real tagged files, their LRC
 * sidecars and album covers.
 */
export { coverArtKeyForTrack, EMBEDDED_COVER_SIZE_PX, renderCoverArt } from "./cover-art.js";
export { renderLyrics } from "./lyrics-renderer.js";
export { createTrackRenderer, type TrackRendererOptions } from "./track-renderer.js";
