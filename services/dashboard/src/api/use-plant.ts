import { computed, onBeforeUnmount, ref } from 'vue'
import { apiGet, plantPath } from './api-client.ts'
import type { Plant } from './registry-types.ts'
import { useAsync } from './use-async.ts'
import { addDays, localDate } from '../lib/format.ts'

/**
 * A plant's registry and its local calendar: "today" is the plant's local date (its time zone,
 * not the browser's), re-read every minute so a view left open rolls over at local midnight.
 */
export function usePlant(firm: () => string, plant: () => string) {
  const registry = useAsync(() => apiGet<Plant>(plantPath(firm(), plant())), [firm, plant])
  const nowMs = ref(Date.now())
  const timer = setInterval(() => (nowMs.value = Date.now()), 60_000)
  onBeforeUnmount(() => clearInterval(timer))
  const timeZone = computed(() => registry.data.value?.timeZone ?? 'Asia/Shanghai')
  const today = computed(() => localDate(nowMs.value, timeZone.value))
  return { registry, timeZone, today, daysBack: (n: number) => addDays(today.value, -n), nowMs }
}
