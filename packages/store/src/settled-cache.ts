import { LRUCache } from 'lru-cache'

export interface SettledCacheOptions {
  /** Rows (groups × times) kept at most; 0 turns the cache off. */
  maxRows: number
  /** An entry lives at most this long, so a backfill or replay shows within it. */
  ttlMs: number
  /** Only ranges that ended this long ago are cached: their minutes and hours can no longer change (lateness, hour lag). */
  settledAfterMs: number
  now: () => number
}

/**
 * Answers of settled ranges by query. The aggregator dead-letters what is later than its allowed
 * lateness (minutes) and the store reads an hour from its rollup only once the hour lag has passed,
 * so a range that ended before both can only change by a backfill: such answers are kept (LRU,
 * bounded by rows, with a TTL for backfills) instead of summed again by InfluxDB on every call.
 */
export function createSettledCache(o: SettledCacheOptions) {
  const cache = o.maxRows > 0
    ? new LRUCache<string, { value: unknown; rows: number }>({
        maxSize: o.maxRows,
        // lru-cache takes positive integers only: a fractional size threw on set.
        sizeCalculation: (e) => Math.max(1, Math.ceil(e.rows)),
        ttl: o.ttlMs,
        // The store's clock, which decides what is settled, also ages the entries (tests inject it).
        perf: { now: o.now },
      })
    : null
  let hits = 0
  return {
    async get<T>(key: () => string, endMs: number, read: () => Promise<T>, rowsOf: (value: T) => number): Promise<T> {
      if (!cache || endMs > o.now() - o.settledAfterMs) return read()
      const k = key()
      const found = cache.get(k)
      if (found) {
        hits += 1
        return found.value as T
      }
      const value = await read()
      cache.set(k, { value, rows: rowsOf(value) })
      return value
    },
    get hits() {
      return hits
    },
  }
}
