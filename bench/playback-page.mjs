// Functions that run in the example page through page.evaluate (playwright
// sends their source, so each is self-contained): a recorder tapped onto
// `player.audio.outputNode`, and timed play() / seek() calls.

/**
 * Installs the recorder and the playback listeners; resolves with the
 * context's sample rate. While armed, the recorder posts every render
 * quantum's first channel with its `currentFrame`; the page notes when each
 * message arrives (`performance.now()`), which maps the audio clock to page
 * time.
 */
export async function installRecorder() {
  const player = window.player;
  const state = { states: [], errors: [], position: 0, buffered: 0, chunks: [], armed: false };
  window.__bench = state;
  player.on("playback:state", ({ state: value }) => state.states.push(value));
  player.on("playback:position", ({ position, buffered }) => {
    state.position = position;
    state.buffered = buffered;
  });
  player.on("playback:error", ({ error, fatal }) => state.errors.push({ code: error.code, fatal }));
  await player.audio.prepare();
  const context = player.audio.context;
  const source = `
    class BenchRecorder extends AudioWorkletProcessor {
      constructor() { super(); this.armed = false; this.port.onmessage = (e) => { this.armed = e.data; }; }
      process(inputs) {
        const channel = inputs[0] && inputs[0][0];
        if (this.armed) this.port.postMessage({ frame: currentFrame, samples: channel ? channel.slice() : new Float32Array(128) });
        return true;
      }
    }
    registerProcessor("bench-recorder", BenchRecorder);`;
  await context.audioWorklet.addModule(
    URL.createObjectURL(new Blob([source], { type: "text/javascript" })),
  );
  const recorder = new AudioWorkletNode(context, "bench-recorder", {
    numberOfInputs: 1,
    numberOfOutputs: 1,
    outputChannelCount: [1],
  });
  recorder.port.onmessage = (event) => {
    if (!state.armed) return;
    const { frame, samples } = event.data;
    state.chunks.push({ frame, arrival: performance.now(), samples });
  };
  player.audio.outputNode.connect(recorder);
  // The recorder outputs silence; connecting it keeps it in the rendered graph.
  recorder.connect(context.destination);
  window.__recorder = recorder;
  return context.sampleRate;
}

/**
 * Runs `action` ("play" with a track key, or "seek" with seconds) while the
 * recorder runs: from `leadMs` before the call (to map the audio clock) until
 * `tailMs` after its promise settled (it resolves once the first audio is queued). Returns the call time, when its promise settled, and
 * every recorded quantum (samples as plain arrays only when `withSamples`).
 */
export async function timedAction({ action, argument, leadMs, tailMs, withSamples }) {
  const state = window.__bench;
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  state.chunks = [];
  state.armed = true;
  window.__recorder.port.postMessage(true);
  await sleep(leadMs);
  const calledAt = performance.now();
  const call = action === "play" ? window.player.play(argument) : window.player.seek(argument);
  let error;
  await call.catch((cause) => {
    error = String(cause?.code ?? cause);
  });
  const settledAt = performance.now();
  await sleep(tailMs);
  window.__recorder.port.postMessage(false);
  // Quanta still in flight from the audio thread.
  await sleep(30);
  state.armed = false;
  const chunks = state.chunks.map(({ frame, arrival, samples }) => {
    let firstSound = -1;
    for (let i = 0; i < samples.length; i++)
      if (samples[i] !== 0) {
        firstSound = i;
        break;
      }
    return { frame, arrival, firstSound, samples: withSamples ? Array.from(samples) : undefined };
  });
  state.chunks = [];
  return { calledAt, settledAt, error, chunks, sampleRate: window.player.audio.context.sampleRate };
}

/** Stops playback and waits until the output has been silent for a while. */
export async function stopAndSettle(ms) {
  await window.player.stop();
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** One Range request for the first `bytes` bytes from the page: the floor of any first sound. */
export async function fetchRange({ url, token, bytes }) {
  const started = performance.now();
  const response = await fetch(url, {
    headers: { Authorization: `Bearer ${token}`, Range: `bytes=0-${bytes - 1}` },
    cache: "no-store",
  });
  const body = await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status, bytes: body.byteLength };
}

/** Waits until the play position reaches `seconds` (or `timeoutMs` passes). */
export async function waitForPosition({ seconds, timeoutMs }) {
  const end = performance.now() + timeoutMs;
  while (window.__bench.position < seconds && performance.now() < end)
    await new Promise((resolve) => setTimeout(resolve, 20));
  return window.__bench.position;
}

/** What the player reported: position, seconds buffered ahead, states and errors. */
export function playbackState() {
  const { position, buffered, states, errors } = window.__bench;
  return { position, buffered, states: [...states], errors: [...errors] };
}

/**
 * Replaces `window.player` with a new player built from the same worker
 * script and sign-in settings, created with `config` (for settings that a
 * running engine may not pick up). The account and library come from
 * IndexedDB, as after a page reload.
 */
export async function recreatePlayer({ config, cloud }) {
  const workerUrl = performance
    .getEntriesByType("resource")
    .map((entry) => entry.name)
    .find((name) => /\/assets\/worker[^/]*\.js$/.test(name));
  if (workerUrl === undefined) throw new Error("The player's worker script was not found");
  const redirectUri = new URL("callback.html", window.location.href).href;
  window.player.dispose();
  await window.player.audio.context?.close().catch(() => undefined);
  const player = window.createPlayerForTest({
    worker: new Worker(workerUrl, { type: "module", name: "player" }),
    config,
    auth: {
      google: {
        clientId: "dev-google-client.apps.googleusercontent.com",
        redirectUri,
        tokenExchangeEndpoint: `${cloud}/app/google/token`,
        authorizationEndpoint: `${cloud}/google/o/oauth2/v2/auth`,
        revocationEndpoint: `${cloud}/google/revoke`,
        userInfoEndpoint: `${cloud}/google/oauth2/v3/userinfo`,
        apiBaseUrl: `${cloud}/google/drive/v3`,
      },
    },
  });
  await player.ready;
  window.player = player;
  return workerUrl;
}
