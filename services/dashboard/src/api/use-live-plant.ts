import { onBeforeUnmount, reactive, ref } from 'vue'
import { openLiveStream, type LiveStatus } from './live-stream.ts'

export interface MachineNow {
  line: string
  device: string
  /** A wire state, or `no_data` when nothing was heard within the staleness window (not "stopped"). */
  state: string
  reason?: string
  sinceMs?: number
  heardMs: number
  /** The machine's last closed minute (fields of mill.machine-minute.v1). */
  minute?: Record<string, number>
}
export interface StateChange {
  device: string
  line: string
  state: string
  reason?: string
  atMs: number
}

/** The API's staleness limit (API_LIVE_STALE, 5 min): a machine silent this long shows `no_data`. */
const STALE_MS = 5 * 60_000

/** Every machine of a plant (or line) as the live stream tells it, updated in place without reloading. */
export function useLivePlant(url: string, onUnauthorized: () => void) {
  const machines = reactive(new Map<string, MachineNow>())
  const changes = reactive<StateChange[]>([])
  const status = ref<LiveStatus>('connecting')
  const now = ref(Date.now())
  const tick = setInterval(() => {
    now.value = Date.now()
    for (const m of machines.values()) if (m.state !== 'no_data' && now.value - m.heardMs > STALE_MS) m.state = 'no_data'
  }, 1000)

  const stream = openLiveStream({
    url,
    onUnauthorized,
    onStatus: (s) => (status.value = s),
    onEvent: (type, data) => {
      const d = data as Record<string, unknown>
      if (type === 'snapshot') {
        machines.clear()
        for (const m of d.machines as (MachineNow & { lastMinute?: { fields?: Record<string, number> } })[]) {
          machines.set(m.device, { line: m.line, device: m.device, state: m.state, ...(m.reason ? { reason: m.reason } : {}), ...(m.sinceMs ? { sinceMs: m.sinceMs } : {}), heardMs: Date.now(), ...(m.lastMinute?.fields ? { minute: m.lastMinute.fields } : {}) })
        }
        return
      }
      const device = String(d.device)
      const m = machines.get(device) ?? { line: String(d.line), device, state: 'no_data', heardMs: 0 }
      m.heardMs = Date.now()
      if (type === 'state') {
        // Devices repeat their state as a heartbeat: only a change starts a new time in state.
        if (m.state !== d.state || m.reason !== (d.reason ?? undefined)) {
          changes.unshift({ device, line: m.line, state: String(d.state), ...(d.reason ? { reason: String(d.reason) } : {}), atMs: Number(d.ts) })
          if (changes.length > 200) changes.pop()
          m.sinceMs = Number(d.ts)
        }
        m.state = String(d.state)
        m.reason = d.reason ? String(d.reason) : undefined
      } else if (type === 'minute' && d.fields) {
        m.minute = d.fields as Record<string, number>
      }
      machines.set(device, m)
    },
  })
  onBeforeUnmount(() => {
    clearInterval(tick)
    stream.close()
  })
  return { machines, changes, status, now }
}
