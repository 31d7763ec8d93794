#!/usr/bin/env bash
# Encodes the dev-cloud tone bank: each of the 24 tones of
# src/library/tone-plan.ts as a 3 s mono file in every compressed format the
# generated library uses. The emulator adds tags, cover art and breakage to
# these bytes at render time, so a 10,000-track library needs no audio on disk
# per track and the tests need no ffmpeg. WAV is not banked: it is synthesized
# in TypeScript (src/audio/wav-writer.ts) from the same formula.
#
# Requirements: ffmpeg with libmp3lame, libvorbis, libopus and the native AAC
# and FLAC encoders. On Debian/Ubuntu:
#   apt-get install -y ffmpeg
#
# Usage (from anywhere): packages/dev-cloud/scripts/generate-tone-bank.sh
# Output: packages/dev-cloud/assets/tones/<format>/<index>.<ext>, about 3 MB.
#
# The files carry no tags (-map_metadata -1, bitexact so no encoder version
# string): the renderer writes every tag itself. M4A keeps ffmpeg's default
# layout with the moov box after mdat (no faststart), so the renderer can grow
# moov with tags without moving the audio that stco points at.
set -euo pipefail

if ! command -v ffmpeg >/dev/null 2>&1; then
  echo "ffmpeg not found; install it with: apt-get install -y ffmpeg" >&2
  exit 1
fi

package_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_dir="${package_dir}/assets/tones"

# Must match TONE_FREQUENCIES_HZ: 24 semitones from 220 Hz, rounded to 0.01 Hz.
frequencies=()
for step in $(seq 0 23); do
  frequencies+=("$(awk -v s="$step" 'BEGIN { printf "%.2f", 220 * 2 ^ (s / 12) }')")
done

# Must match the WAV synthesizer: half full scale, 10 ms linear fades so the
# tone starts and ends without a click.
tone_source() {
  local frequency="$1" sample_rate="$2"
  echo "aevalsrc=exprs='0.5*sin(2*PI*${frequency}*t)':sample_rate=${sample_rate}:duration=3,afade=t=in:d=0.01,afade=t=out:st=2.99:d=0.01"
}

encode() {
  local sample_rate="$1" frequency="$2" output="$3"
  shift 3
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "$(tone_source "$frequency" "$sample_rate")" \
    -map_metadata -1 -fflags +bitexact -flags:a +bitexact -ac 1 \
    "$@" "$output"
}

rm -rf "$out_dir"
mkdir -p "$out_dir"/{mp3,flac,ogg-vorbis,ogg-opus,m4a}

for index in "${!frequencies[@]}"; do
  f="${frequencies[$index]}"
  encode 44100 "$f" "$out_dir/mp3/${index}.mp3" \
    -c:a libmp3lame -b:a 64k -id3v2_version 0 -write_id3v1 0
  encode 44100 "$f" "$out_dir/flac/${index}.flac" -c:a flac -sample_fmt s16
  encode 44100 "$f" "$out_dir/ogg-vorbis/${index}.ogg" -c:a libvorbis -q:a 2
  # Opus only runs at 48 kHz; generating at 48 kHz avoids a resampler pass.
  encode 48000 "$f" "$out_dir/ogg-opus/${index}.opus" -c:a libopus -b:a 48k
  encode 44100 "$f" "$out_dir/m4a/${index}.m4a" -c:a aac -b:a 64k
  echo "tone ${index}: ${f} Hz"
done

du -sh "$out_dir"
