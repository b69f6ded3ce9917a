/**
 * Shared plumbing of the tools' workers (compare-worker.ts, choose-worker.ts): fetch their JSON
 * data and answer each message with `reply`'s result, or with { error } when it throws. Workers
 * are bundled standalone, so this adds no chunk to any page.
 */

/** JSON documents fetched in parallel, in the order of `urls`. */
export async function fetchJson<T extends unknown[]>(...urls: string[]): Promise<T> {
  return (await Promise.all(urls.map(async (u) => (await fetch(u)).json()))) as T;
}

/**
 * Makes this worker answer every message with `reply(message)` (or { error: message }), one at a
 * time in arrival order: an update sent while the first message is still loading the data waits.
 */
export function answerMessages<Request>(reply: (message: Request) => unknown): void {
  let queue: Promise<void> = Promise.resolve();
  self.onmessage = (event: MessageEvent<Request>) => {
    queue = queue.then(async () => {
      try {
        self.postMessage(await reply(event.data));
      } catch (err) {
        self.postMessage({ error: (err as Error).message });
      }
    });
  };
}
