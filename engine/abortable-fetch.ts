// ollama-js (and so ChatOllama) only closes a streaming request when the next
// chunk arrives; a fetch bound to our signal closes it at once, even while the
// model is still loading and nothing has been sent yet.
export function fetchBoundTo(signal: AbortSignal): typeof fetch {
  return (input, init) => fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
}
