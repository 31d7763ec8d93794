#!/usr/bin/env bash
# Encodes the playback test signals: a 24 s stereo "staircase" where second n
# plays the tone 220 * 2^(n/12) Hz (the dev-cloud's 24 tones), left channel at
# half full scale, right at a quarter. After a seek to t seconds a test hears
# tone floor(t), so it can tell where playback landed without trusting the
# player's own position.
#
# Requirements: ffmpeg (libmp3lame, libvorbis, libopus, aac, flac) and sox:
#   apt-get install -y ffmpeg sox
# Usage: packages/core-playback/scripts/generate-test-signals.sh
# Output: packages/core-playback/test-fixtures/signals/ (committed, ~1.7 MB).
# WAV is not stored: tests synthesize every WAV variant from the same formula.
set -euo pipefail

for tool in ffmpeg sox; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$tool not found; install it with: apt-get install -y ffmpeg sox" >&2
    exit 1
  fi
done

package_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_dir="${package_dir}/test-fixtures/signals"
seconds=24
tone="220*pow(2\\,floor(t)/12)"
expr="0.5*sin(2*PI*${tone}*t)|0.25*sin(2*PI*${tone}*t)"

encode() {
  local sample_rate="$1" output="$2"
  shift 2
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "aevalsrc=exprs='${expr}':sample_rate=${sample_rate}:duration=${seconds}:channel_layout=stereo" \
    -map_metadata -1 -fflags +bitexact -flags:a +bitexact "$@" "$output"
}

rm -rf "$out_dir"
mkdir -p "$out_dir"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# MP3: VBR with a Xing header and TOC; CBR with LAME's "Info" header.
encode 44100 "$out_dir/staircase-vbr.mp3" -c:a libmp3lame -q:a 4 -id3v2_version 0 -write_id3v1 0
encode 44100 "$out_dir/staircase-cbr.mp3" -c:a libmp3lame -b:a 128k -id3v2_version 0 -write_id3v1 0
# FLAC: ffmpeg writes no SEEKTABLE (seeks must scan frames); sox writes one.
encode 44100 "$out_dir/staircase.flac" -c:a flac -sample_fmt s16
encode 44100 "$scratch/staircase.wav" -c:a pcm_s16le
sox "$scratch/staircase.wav" "$out_dir/staircase-seektable.flac"
encode 44100 "$out_dir/staircase.ogg" -c:a libvorbis -q:a 3
# Opus always decodes at 48 kHz.
encode 48000 "$out_dir/staircase.opus" -c:a libopus -b:a 64k
# M4A with ffmpeg's default layout: moov after mdat, so the player must read the tail first.
encode 44100 "$out_dir/staircase.m4a" -c:a aac -b:a 96k

ls -l "$out_dir"
