/**
 * When mqtt.js may read the next MQTT packet: at once within a slice of `sliceMs` of work, else
 * after a turn of the event loop. Otherwise mqtt.js handles all the socket has buffered in one task
 * (hundreds of batches under a backlog), and everything else on ingest's thread waits behind it:
 * Kafka's answers to the batcher's one request at a time (80-400 ms a request instead of about 25),
 * keepalive, /metrics. docs/performance.md, "Slices of MQTT input".
 */
export interface PacketSlices {
  /** Calls `next` now, or on the next turn unless the connection went (or ingest stops) meanwhile. */
  goAhead(next: () => void): void
  /**
   * The connection went: go-aheads already deferred are dropped, as the ack window drops its
   * waiters. mqtt.js would handle that connection's buffered packets, and their PUBACKs could go
   * out on the next connection, where their packet ids name other messages.
   */
  connectionGone(): void
}

export interface PacketSlicesOptions {
  sliceMs: number
  /** False once the source stops: a deferred go-ahead is then dropped. */
  running: () => boolean
  now?: () => number
  defer?: (fn: () => void) => void
}

export function createPacketSlices({ sliceMs, running, now = () => performance.now(), defer = setImmediate }: PacketSlicesOptions): PacketSlices {
  let sliceStart = now()
  let connection = 0
  return {
    goAhead(next) {
      if (now() - sliceStart < sliceMs) return next()
      const mine = connection
      defer(() => {
        sliceStart = now()
        if (running() && mine === connection) next()
      })
    },
    connectionGone() {
      connection += 1
    },
  }
}
