import { isPlayerError, type Player } from "@player/main-bridge";

/** What the library rows need: a way to start a track. */
export interface PlayTarget {
  play(key: string, title: string): void;
}

const time = (seconds: number | undefined) => {
  if (seconds === undefined || !Number.isFinite(seconds)) return "–:––";
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
};

/**
 * Now playing: the track, its state, a seek bar that follows the audio
 * clock, pause/resume, stop and volume. Everything goes through the player's
 * promise API; the audio itself flows worker → AudioWorklet.
 */
export function mountNowPlayingPanel(player: Player, report: (error: unknown) => void): PlayTarget {
  const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const title = $<HTMLSpanElement>("now-title");
  const state = $<HTMLOutputElement>("playback-state");
  const seekBar = $<HTMLInputElement>("seek");
  const clock = $<HTMLSpanElement>("clock");
  const toggle = $<HTMLButtonElement>("play-pause");
  const stop = $<HTMLButtonElement>("stop");
  const volume = $<HTMLInputElement>("volume");
  let dragging = false;
  let current: string | undefined;

  const ignoreSuperseded = (error: unknown) => {
    if (!(isPlayerError(error) && error.code === "playback/superseded")) report(error);
  };

  player.on("playback:state", ({ state: value, trackId }) => {
    state.value = value;
    state.dataset.state = value;
    toggle.textContent = value === "playing" || value === "buffering" ? "Pause" : "Play";
    toggle.disabled = trackId === undefined;
    stop.disabled = trackId === undefined;
    if (value === "idle") title.textContent = "Nothing playing";
  });
  player.on("playback:position", ({ position, duration }) => {
    if (duration !== undefined) seekBar.max = String(duration);
    if (!dragging) seekBar.value = String(position);
    seekBar.dataset.position = position.toFixed(3);
    clock.textContent = `${time(position)} / ${time(duration)}`;
  });
  player.on("playback:track-changed", ({ trackId, codec, sampleRate, duration }) => {
    current = trackId;
    seekBar.disabled = duration === undefined;
    seekBar.max = String(duration ?? 0);
    title.dataset.codec = codec;
    title.title = `${codec}, ${sampleRate} Hz`;
  });
  player.on("playback:error", ({ error, fatal }) => {
    state.value = `${fatal ? "error" : "warning"}: ${error.code}`;
    state.dataset.error = error.code;
  });

  toggle.addEventListener("click", () => {
    const playing = state.dataset.state === "playing" || state.dataset.state === "buffering";
    if (playing) void player.pause().catch(report);
    else if (state.dataset.state === "ended" && current !== undefined)
      void player.play(current).catch(ignoreSuperseded);
    else void player.resume().catch(report);
  });
  stop.addEventListener("click", () => void player.stop().catch(report));
  seekBar.addEventListener("input", () => {
    dragging = true;
    clock.textContent = `${time(Number(seekBar.value))} / ${time(Number(seekBar.max))}`;
  });
  seekBar.addEventListener("change", () => {
    dragging = false;
    void player.seek(Number(seekBar.value)).catch(report);
  });
  volume.addEventListener("input", () => void player.setVolume(Number(volume.value)).catch(report));

  return {
    play(key, trackTitle) {
      title.textContent = trackTitle;
      title.dataset.key = key;
      void player.play(key).catch(ignoreSuperseded);
    },
  };
}
