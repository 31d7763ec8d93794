/** Where the worklet's player takes its frames from: the transfer queue or the shared ring. */
export interface PcmSource {
  /** Track position (frames) of the next frame to play. */
  readonly position: number;
  /** Frames queued and not played yet. */
  readonly bufferedFrames: number;
  /**
   * Copies up to `frames` frames into `targets[c][offset..]`, one target per output
   * channel (a source with fewer channels repeats its last one, so mono fills
   * both sides of a stereo output). Returns the frames copied. Allocates
   * nothing: it runs on the audio render thread.
   */
  pull(targets: readonly Float32Array[], frames: number, offset?: number): number;
}
