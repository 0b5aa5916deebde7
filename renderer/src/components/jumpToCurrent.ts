// "Jump to the current track": asked for by a button or the J key, carried out by the queue list (which alone
// knows how to scroll its virtualized rows). A tiny signal rather than store state: it is an event, not data.
type Listener = () => void;

const listeners = new Set<Listener>();

export function requestJumpToCurrent(): void {
  for (const listener of listeners) listener();
}

export function onJumpToCurrent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
