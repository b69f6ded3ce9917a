/**
 * Search helpers for error messages. People paste raw log lines; the index splits on spaces, so
 * "(00000008:kIOGPUCommandBufferCallbackErrorOutOfMemory)" would be one unsearchable token.
 */

/**
 * The message with punctuation turned into spaces and camelCase/number runs split, followed by
 * the original tokens, so both "kIOGPUCommandBufferCallbackErrorOutOfMemory" and "out of memory"
 * find the page. Pure; never returns HTML.
 */
export function searchableMessage(message: string): string {
  const words = message.split(/[^A-Za-z0-9_]+/).filter(Boolean);
  const split = words.flatMap((w) =>
    w
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .split(/[\s_]+/),
  );
  return [...new Set([...words, ...split])].join(' ');
}
