/** One event of the live stream of a plant: a machine's minute, or a state change as it arrives. */
export interface LiveEvent {
  /** Sequence of this API instance: SSE `id`, what Last-Event-ID resumes from. */
  id: number
  type: 'minute' | 'state'
  line: string
  device: string
  data: Record<string, unknown>
}

export interface MachineLive {
  line: string
  device: string
  /** `no_data`: nothing heard within the staleness window — not the same as a machine stopped. */
  state: string
  reason?: string
  /** Event time of the state, epoch ms. */
  sinceMs?: number
  lastMinute?: Record<string, unknown>
}

interface Subscriber {
  plant: string
  line?: string
  send(event: LiveEvent): void
}

const key = (firm: string, plant: string) => `${firm}/${plant}`

type Heard = MachineLive & { heardMs: number }

/**
 * A device's state after a state record. Devices repeat their state as a heartbeat: only a change
 * of state or reason (or a device that was silent past the staleness window, shown as no_data)
 * starts a new time in state; a repeat keeps the time the state began.
 */
export function nextState(prev: Heard, data: Record<string, unknown>, nowMs: number, staleMs = Infinity): Heard {
  const state = String(data.state)
  const reason = data.reason as string | undefined
  const same = prev.sinceMs !== undefined && prev.state === state && prev.reason === reason && nowMs - prev.heardMs <= staleMs
  return { ...prev, state, reason, sinceMs: same ? prev.sinceMs : (data.ts as number), heardMs: nowMs }
}

/**
 * Fan-out of live records to SSE clients, per plant: the last `bufferSize` events kept for
 * Last-Event-ID resume, and each device's latest state and minute for the snapshot a client gets first.
 */
export function createLiveHub(options: { bufferSize: number; staleMs: number; now: () => number }) {
  let seq = 0
  const buffers = new Map<string, LiveEvent[]>()
  const devices = new Map<string, Map<string, Heard>>()
  const subscribers = new Set<Subscriber>()

  return {
    publish(firm: string, plant: string, e: Omit<LiveEvent, 'id'>): LiveEvent {
      const event = { ...e, id: ++seq }
      const k = key(firm, plant)
      const buffer = buffers.get(k) ?? []
      buffer.push(event)
      if (buffer.length > options.bufferSize) buffer.splice(0, buffer.length - options.bufferSize)
      buffers.set(k, buffer)
      const perPlant = devices.get(k) ?? new Map()
      const prev = perPlant.get(e.device) ?? { line: e.line, device: e.device, state: 'no_data', heardMs: 0 }
      const next = e.type === 'state' ? nextState(prev, e.data, options.now(), options.staleMs) : { ...prev, lastMinute: e.data, heardMs: options.now() }
      perPlant.set(e.device, next)
      devices.set(k, perPlant)
      for (const s of subscribers) if (s.plant === k && (!s.line || s.line === e.line)) s.send(event)
      return event
    },
    /** Events after `lastId`, or undefined when the buffer no longer reaches back that far (take a snapshot). */
    since(firm: string, plant: string, lastId: number, line?: string): LiveEvent[] | undefined {
      const buffer = buffers.get(key(firm, plant)) ?? []
      const first = buffer[0]
      if (lastId < seq && (!first || first.id > lastId + 1)) return undefined
      return buffer.filter((e) => e.id > lastId && (!line || e.line === line))
    },
    /** Every listed machine: its latest state, or `no_data` when none was heard within staleMs. */
    snapshot(firm: string, plant: string, machines: readonly { line: string; device: string }[]): MachineLive[] {
      const perPlant = devices.get(key(firm, plant))
      return machines.map((m) => {
        const live = perPlant?.get(m.device)
        if (!live || options.now() - live.heardMs > options.staleMs) return { ...m, state: 'no_data' }
        const { heardMs: _h, ...rest } = live
        return rest
      })
    },
    subscribe(firm: string, plant: string, line: string | undefined, send: (e: LiveEvent) => void): () => void {
      const s: Subscriber = { plant: key(firm, plant), ...(line ? { line } : {}), send }
      subscribers.add(s)
      return () => subscribers.delete(s)
    },
    get subscribers() {
      return subscribers.size
    },
    get lastId() {
      return seq
    },
  }
}
export type LiveHub = ReturnType<typeof createLiveHub>
