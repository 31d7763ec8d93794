/**
 * The sink's output gain: it moves linearly toward a target by a fixed step a
 * frame, so pause, play, volume and flush never jump (no click). The gains of
 * one render quantum are computed into {@link gains}; nothing allocates while
 * rendering.
 */
export class GainRamp {
  /** Gain of each frame of the quantum being rendered. */
  gains = new Float32Array(0);
  private gain = 0;
  private readonly step: number;

  /** @param rampFrames - frames a ramp from 0 to 1 takes (at least 1). */
  constructor(rampFrames: number) {
    this.step = 1 / Math.max(1, rampFrames);
  }

  /** The gain after the last frame computed. */
  get current(): number {
    return this.gain;
  }

  /** Frames until the gain reaches 0 from where it is. */
  framesToSilence(): number {
    return Math.ceil(this.gain / this.step - 1e-6);
  }

  /** Makes room for quanta of `frames`. */
  ensure(frames: number): void {
    if (this.gains.length < frames) this.gains = new Float32Array(frames);
  }

  /** Gains of frames `[from, to)` of the quantum, moving toward `target`. */
  ramp(from: number, to: number, target: number): void {
    const gains = this.gains;
    const step = this.step;
    let gain = this.gain;
    // Within a step (plus rounding drift) of the target: land on it exactly.
    const snap = step * (1 + 1e-6);
    for (let i = from; i < to; i++) {
      const delta = target - gain;
      if (delta > snap) gain += step;
      else if (delta < -snap) gain -= step;
      else gain = target;
      gains[i] = gain;
    }
    this.gain = gain;
  }
}
