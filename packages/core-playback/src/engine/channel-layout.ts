/**
 * Fits decoded channels to the output: mono and stereo pass through (the
 * sink plays mono on both sides); more channels are folded down to stereo
 * with the ITU-R BS.775 coefficients for the usual 5.1 order (L R C LFE Ls Rs),
 * dropping LFE, and scaled so a full-scale centre cannot clip.
 */
export function toOutputChannels(channels: Float32Array[], outputChannels: number): Float32Array[] {
  if (channels.length <= outputChannels || channels.length <= 2) return channels;
  const [left, right] = channels;
  if (left === undefined || right === undefined) return channels;
  if (outputChannels === 1) return [mix([left, right], [0.5, 0.5])];
  const centre = channels[2];
  const surroundLeft = channels[4];
  const surroundRight = channels[5];
  const side = Math.SQRT1_2;
  const leftParts: [Float32Array, number][] = [[left, 1]];
  const rightParts: [Float32Array, number][] = [[right, 1]];
  if (centre !== undefined) {
    leftParts.push([centre, side]);
    rightParts.push([centre, side]);
  }
  if (surroundLeft !== undefined) leftParts.push([surroundLeft, side]);
  if (surroundRight !== undefined) rightParts.push([surroundRight, side]);
  const scale = 1 / (1 + side + (surroundLeft === undefined ? 0 : side));
  return [
    mix(
      leftParts.map(([data]) => data),
      leftParts.map(([, gain]) => gain * scale),
    ),
    mix(
      rightParts.map(([data]) => data),
      rightParts.map(([, gain]) => gain * scale),
    ),
  ];
}

function mix(inputs: Float32Array[], gains: number[]): Float32Array {
  const length = inputs[0]?.length ?? 0;
  const out = new Float32Array(length);
  inputs.forEach((input, index) => {
    const gain = gains[index] ?? 0;
    for (let i = 0; i < length; i++) out[i] = (out[i] ?? 0) + (input[i] ?? 0) * gain;
  });
  return out;
}
