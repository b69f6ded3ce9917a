/**
 * The config.json parser for the checker, in a worker the island starts only when someone opens
 * the paste box: most visitors never paste a config, so its code stays out of the page's budgeted
 * JavaScript. (A worker rather than import(), because Vite wraps dynamic imports in a preload
 * helper that would itself cost the page about 1 KB gzip.)
 *
 * Message in: the pasted text. Message out: { model, summary } or { error }, plain data only.
 */
import { parseHfConfig } from '../../lib/engine/hf-config.ts';

export interface ConfigWorkerReply {
  model?: ReturnType<typeof parseHfConfig>['model'];
  /** What the status line says about a config that was accepted. */
  summary?: string;
  error?: string;
}

self.onmessage = (event: MessageEvent<string>) => {
  let reply: ConfigWorkerReply;
  try {
    const parsed = parseHfConfig(JSON.parse(event.data), 'Pasted model');
    reply = {
      model: parsed.model,
      summary: `Using the pasted ${parsed.modelType || 'model'} config (${parsed.architecture.layers} layers). It is not saved in the link.`,
    };
  } catch (err) {
    reply = {
      error: `Could not use this config: ${err instanceof SyntaxError ? 'it is not valid JSON' : (err as Error).message}`,
    };
  }
  self.postMessage(reply);
};
