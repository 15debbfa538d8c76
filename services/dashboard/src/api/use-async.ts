import { ref, watch, type Ref, type WatchSource } from 'vue'
import { ApiRequestError } from './api-client.ts'

/** The state of one API read: data, or why there is none (forbidden kept apart from other errors). */
export interface AsyncState<T> {
  data: Ref<T | undefined>
  loading: Ref<boolean>
  error: Ref<string | undefined>
  forbidden: Ref<boolean>
  reload(): Promise<void>
}

export function useAsync<T>(load: () => Promise<T>, sources: WatchSource[] = []): AsyncState<T> {
  const data = ref<T>()
  const loading = ref(true)
  const error = ref<string>()
  const forbidden = ref(false)
  let generation = 0
  const reload = async () => {
    const mine = ++generation
    loading.value = true
    try {
      const value = await load()
      if (mine !== generation) return
      data.value = value
      error.value = undefined
      forbidden.value = false
    } catch (err) {
      if (mine !== generation) return
      forbidden.value = err instanceof ApiRequestError && (err.status === 403 || err.status === 404)
      error.value = err instanceof Error ? err.message : String(err)
    } finally {
      if (mine === generation) loading.value = false
    }
  }
  watch(sources, () => void reload(), { immediate: true })
  return { data: data as Ref<T | undefined>, loading, error, forbidden, reload }
}
