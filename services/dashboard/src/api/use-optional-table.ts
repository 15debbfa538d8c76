import { ref, watch, type WatchSource } from 'vue'
import { apiGet, type Table } from './api-client.ts'
import { hasRoute } from './capabilities.ts'

/**
 * A table from a route that may not exist on this API yet (looked up in its OpenAPI document):
 * `unavailable` when it does not, so the panel shows "not available yet" without a failing call.
 */
export function useOptionalTable<V>(route: string, url: () => string, sources: WatchSource[]) {
  const table = ref<Table<V>>()
  const unavailable = ref(false)
  const error = ref<string>()
  watch(sources, async () => {
    if (!(await hasRoute(route))) {
      unavailable.value = true
      return
    }
    try {
      table.value = (await apiGet<Table<V>>(url())) as never
      error.value = undefined
    } catch (err) {
      error.value = (err as Error).message
    }
  }, { immediate: true })
  return { table, unavailable, error }
}
