import { createParser } from 'eventsource-parser'
import { session } from './session.ts'

export type LiveStatus = 'connecting' | 'open' | 'lost'

export interface LiveStreamOptions {
  url: string
  onEvent(type: string, data: unknown): void
  onStatus(status: LiveStatus): void
  onUnauthorized(): void
  /** No byte (not even the API's 15 s heartbeat comment) for this long: the stream is dead. */
  silenceMs?: number
}

/**
 * The API's SSE live route read with fetch, because EventSource cannot send the Authorization
 * header. Reconnects by itself with a growing delay (1 s to 10 s) and sends Last-Event-ID, so
 * the API replays what was missed or answers with a fresh snapshot (docs/api.md, Live view).
 */
export function openLiveStream(o: LiveStreamOptions): { close(): void } {
  let closed = false
  let lastEventId: string | undefined
  let controller: AbortController | undefined
  let retryMs = 1000
  const silenceMs = o.silenceMs ?? 40_000

  const once = async () => {
    controller = new AbortController()
    const headers: Record<string, string> = { authorization: `Bearer ${session.token ?? ''}` }
    if (lastEventId !== undefined) headers['last-event-id'] = lastEventId
    const res = await fetch(o.url, { headers, signal: controller.signal })
    if (res.status === 401) {
      closed = true
      o.onUnauthorized()
      return
    }
    if (res.status === 403 || res.status === 404) {
      // Another tenant's plant (or none): retrying cannot help; the view shows the refusal.
      closed = true
      return
    }
    if (!res.ok || !res.body) throw new Error(`live stream answered ${res.status}`)
    o.onStatus('open')
    retryMs = 1000
    const parser = createParser({
      onEvent: (e) => {
        if (e.id !== undefined) lastEventId = e.id
        o.onEvent(e.event ?? 'message', JSON.parse(e.data))
      },
    })
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
    let watchdog = setTimeout(() => controller?.abort(), silenceMs)
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        clearTimeout(watchdog)
        watchdog = setTimeout(() => controller?.abort(), silenceMs)
        parser.feed(value)
      }
    } finally {
      clearTimeout(watchdog)
    }
  }

  const loop = async () => {
    while (!closed) {
      o.onStatus(lastEventId === undefined ? 'connecting' : 'lost')
      try {
        await once()
      } catch {
        // Refused, reset or aborted by the watchdog: all mean "reconnect".
      }
      if (closed) return
      o.onStatus('lost')
      await new Promise((r) => setTimeout(r, retryMs))
      retryMs = Math.min(retryMs * 2, 10_000)
    }
  }
  void loop()
  return {
    close() {
      closed = true
      controller?.abort()
    },
  }
}
