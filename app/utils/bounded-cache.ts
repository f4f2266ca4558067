/**
 * The one shape of a module-level cache: a Map with a fixed number of entries that drops the least
 * recently used entry when a new one would exceed the bound. Module-level state lives as long as the
 * worker, so a cache keyed by anything that varies with data or requests (chart specs, definitions,
 * Kommunen × days) must not grow with them. `test/unit/module-caches.test.ts` checks that every
 * module-level Map or Set in app/ is one of these or an explained exception.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new Error(`BoundedCache needs a positive bound, got ${maxEntries}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The entry, marked as recently used. */
  get(key: K): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as V;
    // A Map iterates in insertion order: re-inserting moves the key to the young end.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}
