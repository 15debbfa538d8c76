import { ref, type WatchSource } from 'vue'
import { useAsync, type AsyncState } from './use-async.ts'

/**
 * One API read behind a question "does the running API offer this?" (capabilities.ts: a route in
 * its OpenAPI document, or a query value it accepts): when it does not, `unavailable` is set and
 * no request is made, so the panel says "not available yet" without a failing call (which the
 * browser would log). Otherwise the same state as useAsync: data, loading, error, forbidden.
 */
export function useOffered<T>(offered: () => Promise<boolean>, load: () => Promise<T>, sources: WatchSource[] = []): AsyncState<T> & { unavailable: Readonly<{ value: boolean }> } {
  const unavailable = ref(false)
  const state = useAsync<T | undefined>(async () => {
    unavailable.value = !(await offered())
    return unavailable.value ? undefined : load()
  }, sources)
  return { ...(state as AsyncState<T>), unavailable }
}
