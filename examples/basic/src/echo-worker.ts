/// <reference lib="webworker" />
// The reference for the benchmark: a bare worker with no SDK, no Comlink and
// no batching. It echoes each message, or answers `{ burst: n }` with n
// separate postMessage calls.
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<{ id?: number; burst?: number }>) => {
  const { burst } = event.data;
  if (burst === undefined) {
    scope.postMessage(event.data);
    return;
  }
  for (let seq = 0; seq < burst; seq++) scope.postMessage({ seq, total: burst });
};
