/**
 * Memoize `make()` under a string key per owner object. Owners are held weakly; each owner keeps
 * at most 512 entries (the oldest batch is dropped), so keystroke-driven inputs cannot grow it forever.
 */
export function memo<K extends object, V>(cache: WeakMap<K, Map<string, V>>, owner: K, key: string, make: () => V): V {
  let m = cache.get(owner);
  if (m === undefined) cache.set(owner, (m = new Map()));
  let v = m.get(key);
  if (v === undefined) {
    if (m.size >= 512) m.clear();
    m.set(key, (v = make()));
  }
  return v;
}
