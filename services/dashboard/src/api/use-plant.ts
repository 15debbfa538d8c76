import { computed, onBeforeUnmount, ref } from 'vue'
import { apiGet, plantPath } from './api-client.ts'
import type { PlantRegistry } from './response-types.ts'
import { useAsync } from './use-async.ts'
import { addDays, localDate } from '../lib/format.ts'

/** The registry's default zone; the zone a plant had when last read is remembered for the tab (below). */
const DEFAULT_TIME_ZONE = 'Asia/Shanghai'
const zoneKey = (firm: string, plant: string) => `millstream.tz.${firm}/${plant}`

/**
 * A plant's registry and its local calendar: "today" is the plant's local date (its time zone,
 * not the browser's), re-read every minute so a view left open rolls over at local midnight.
 * The views ask for their data at once, without waiting for the registry: "today" comes from the
 * zone remembered from the last read (or the default) and moves only if the registry says otherwise.
 */
export function usePlant(firm: () => string, plant: () => string) {
  const remembered = ref(globalThis.sessionStorage?.getItem(zoneKey(firm(), plant())) ?? DEFAULT_TIME_ZONE)
  const registry = useAsync(async () => {
    const p = await apiGet<PlantRegistry>(plantPath(firm(), plant()))
    globalThis.sessionStorage?.setItem(zoneKey(firm(), plant()), p.timeZone)
    return p
  }, [firm, plant])
  const nowMs = ref(Date.now())
  const timer = setInterval(() => (nowMs.value = Date.now()), 60_000)
  onBeforeUnmount(() => clearInterval(timer))
  const timeZone = computed(() => registry.data.value?.timeZone ?? remembered.value)
  const today = computed(() => localDate(nowMs.value, timeZone.value))
  return { registry, timeZone, today, daysBack: (n: number) => addDays(today.value, -n), nowMs }
}
