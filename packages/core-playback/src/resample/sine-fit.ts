/**
 * Test-only measurement: fits a sine of known frequency to a signal by least
 * squares and reports how far the signal is from it. The package entry does
 * not import this file.
 */

/** The sine that best matches a stretch of a signal, and what is left over. */
export interface SineFit {
  /** Peak amplitude of the fitted sine. */
  amplitude: number;
  /**
   * Delay of the signal against an ideal `sin(2π f t)` started at frame 0, in
   * output frames, within ± half a period: the phase the fit found, as time.
   */
  delayFrames: number;
  /** 10·log10(power of the fitted sine / power of the residual), in dB. */
  snrDb: number;
}

/**
 * Fits `a·sin(ωk) + b·cos(ωk)` to `signal[from..to)` (ω = 2πf / rate); the
 * phase absorbs any delay, so the delay is measured rather than assumed.
 */
export function fitSine(
  signal: Float32Array,
  frequency: number,
  rate: number,
  from: number,
  to: number,
): SineFit {
  const omega = (2 * Math.PI * frequency) / rate;
  let ss = 0;
  let sc = 0;
  let cc = 0;
  let ys = 0;
  let yc = 0;
  for (let k = from; k < to; k++) {
    const s = Math.sin(omega * k);
    const c = Math.cos(omega * k);
    const y = signal[k] ?? 0;
    ss += s * s;
    sc += s * c;
    cc += c * c;
    ys += y * s;
    yc += y * c;
  }
  const determinant = ss * cc - sc * sc;
  const a = (ys * cc - yc * sc) / determinant;
  const b = (yc * ss - ys * sc) / determinant;
  let signalPower = 0;
  let residualPower = 0;
  for (let k = from; k < to; k++) {
    const fitted = a * Math.sin(omega * k) + b * Math.cos(omega * k);
    signalPower += fitted * fitted;
    residualPower += ((signal[k] ?? 0) - fitted) ** 2;
  }
  // a·sin(ωk) + b·cos(ωk) = A·sin(ω(k − d)) with d = −atan2(b, a) / ω.
  return {
    amplitude: Math.hypot(a, b),
    delayFrames: -Math.atan2(b, a) / omega,
    snrDb: 10 * Math.log10(signalPower / residualPower),
  };
}

/** `seconds` of `amplitude·sin(2π f t)` at `rate`. */
export function sine(
  frequency: number,
  rate: number,
  seconds: number,
  amplitude: number,
): Float32Array {
  const frames = Math.round(seconds * rate);
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i++)
    out[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / rate);
  return out;
}

/** Concatenates arrays. */
export function concat(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
