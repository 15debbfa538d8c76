/**
 * Acknowledges messages in arrival order as their Kafka writes complete (MQTT 5 §4.6 asks for
 * PUBACKs in the order the PUBLISH packets came). Bounded: at most `capacity` open tickets.
 * A reset (the MQTT connection dropped) forgets every open ticket: the broker redelivers them.
 */
export interface AckTicket {
  readonly generation: number
}

interface Entry<T> {
  ticket: AckTicket
  item: T
  settled: boolean
  ready: boolean
}

export interface AckWindow<T> {
  /** Opens a ticket; `ready` says whether the item can already be acknowledged once settled. */
  admit(item: T, ready?: boolean): AckTicket
  /** The Kafka write behind the ticket succeeded. */
  settle(ticket: AckTicket): void
  /** The acknowledgement packet of the ticket is now known (it may arrive after settle). */
  markReady(ticket: AckTicket, item: T): void
  reset(): number
  readonly size: number
  readonly full: boolean
  /** Calls `fn` once the window has room again (immediately if it has). */
  onSpace(fn: () => void): void
}

export function createAckWindow<T>({ capacity, ack }: { capacity: number; ack: (item: T) => void }): AckWindow<T> {
  let generation = 0
  let queue: Entry<T>[] = []
  let head = 0
  const byTicket = new Map<AckTicket, Entry<T>>()
  let waiters: (() => void)[] = []

  const open = () => queue.length - head
  const flush = () => {
    while (head < queue.length) {
      const entry = queue[head] as Entry<T>
      if (!entry.settled || !entry.ready) break
      head += 1
      byTicket.delete(entry.ticket)
      ack(entry.item)
    }
    if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head)
      head = 0
    }
    if (open() < capacity && waiters.length > 0) {
      const ready = waiters
      waiters = []
      for (const fn of ready) fn()
    }
  }

  return {
    admit(item, ready = false) {
      const ticket = { generation }
      const entry = { ticket, item, settled: false, ready }
      queue.push(entry)
      byTicket.set(ticket, entry)
      return ticket
    },
    settle(ticket) {
      const entry = byTicket.get(ticket)
      if (!entry || ticket.generation !== generation) return
      entry.settled = true
      flush()
    },
    markReady(ticket, item) {
      const entry = byTicket.get(ticket)
      if (!entry || ticket.generation !== generation) return
      entry.item = item
      entry.ready = true
      flush()
    },
    reset() {
      const dropped = open()
      generation += 1
      queue = []
      head = 0
      byTicket.clear()
      waiters = []
      return dropped
    },
    get size() {
      return open()
    },
    get full() {
      return open() >= capacity
    },
    onSpace(fn) {
      if (open() < capacity) fn()
      else waiters.push(fn)
    },
  }
}
