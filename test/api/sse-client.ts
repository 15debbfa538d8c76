/** A minimal SSE reader for tests: frames parsed as they arrive (WHATWG HTML §9.2.6, no multi-line data). */
export interface SseEvent {
  id?: string
  event: string
  data: unknown
}

/** `onEvent` is called as each event is parsed, with the time its chunk arrived (the benchmarks time deliveries). */
export function openSse(url: string, token: string, lastEventId?: string, onEvent?: (e: SseEvent, arrivedMs: number) => void) {
  const events: SseEvent[] = []
  const controller = new AbortController()
  let status = 0
  const done = (async () => {
    const res = await fetch(url, { signal: controller.signal, headers: { authorization: `Bearer ${token}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) } })
    status = res.status
    const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader()
    let pending = ''
    for (;;) {
      const { value, done: end } = (await reader?.read()) ?? { done: true, value: undefined }
      if (end) return
      const arrivedMs = Date.now()
      pending += value
      let cut: number
      while ((cut = pending.indexOf('\n\n')) >= 0) {
        const block = pending.slice(0, cut)
        pending = pending.slice(cut + 2)
        const fields = Object.fromEntries(block.split('\n').filter((l) => l && !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trimStart()]))
        if (fields.data === undefined) continue
        const event: SseEvent = { id: fields.id, event: fields.event ?? 'message', data: JSON.parse(fields.data) }
        if (onEvent) onEvent(event, arrivedMs)
        else events.push(event)
      }
    }
  })().catch(() => undefined)
  return {
    events,
    get status() {
      return status
    },
    /** Polls until an event matches, up to the deadline. */
    async waitFor(match: (e: SseEvent) => boolean, timeoutMs = 10_000): Promise<SseEvent> {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const found = events.find(match)
        if (found) return found
        if (Date.now() > deadline) throw new Error(`no matching SSE event within ${timeoutMs} ms; got ${events.map((e) => e.event).join(',')}`)
        await new Promise((r) => setTimeout(r, 20))
      }
    },
    async close() {
      controller.abort()
      await done
    },
  }
}
