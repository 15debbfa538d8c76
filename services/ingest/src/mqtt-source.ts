import type { Logger } from '@millstream/runtime'
import mqtt, { type IClientOptions, type IPublishPacket, type MqttClient, type Packet } from 'mqtt'
import { createAckWindow, type AckTicket } from './ack-window.ts'
import { createPacketSlices } from './packet-slices.ts'

export interface MqttMessage {
  topic: string
  payload: Buffer
  dup: boolean
  receivedAtMs: number
}

export interface MqttSourceOptions {
  url: string
  username: string
  password: string
  clientId: string
  /** Shared subscription filter, e.g. $share/millstream-ingest/mill/# */
  subscription: string
  /** Pause between reconnect attempts: the broker answers publishes with PUBACK 16 until we are back. */
  reconnectPeriodMs?: number
  /** MQTT keepalive in seconds (default 60). */
  keepaliveS?: number
  /** Subscription events, for metrics: granted (after `waitedMs` since the CONNACK), refused or lost. */
  onSubscription?: (event: SubscriptionEvent) => void
  sessionExpiryS: number
  /** Messages in flight between PUBLISH and PUBACK: the memory bound and the pipelining depth. */
  maxInFlight: number
  ca?: Buffer
  logger: Logger
  /** Calls `done()` when the message is safely in Kafka; `done(err)` withholds the PUBACK. */
  handle: (msg: MqttMessage, done: (err?: unknown) => void) => void
  /** Resolves when Kafka can take writes again, before the source reconnects after a failure. */
  waitUntilWritable: () => Promise<void>
  /**
   * Also take QoS 0 messages (Sparkplug B DATA is usually sent so). They have no PUBACK to hold,
   * but they pass through the same window: the next packet is read only while it has room. Off for
   * v1, whose contract is QoS 1 (docs/ingest.md).
   */
  acceptQos0?: boolean
  clock?: () => number
}

export type SubscriptionEvent =
  | { kind: 'granted'; sinceConnackMs: number; sessionPresent: boolean }
  | { kind: 'refused'; reasonCodes: number[] }
  | { kind: 'lost' }

export interface MqttSource {
  start(): Promise<void>
  /** Stops taking messages, waits for Kafka to confirm those in flight and acknowledges them. */
  stop(drainTimeoutMs?: number): Promise<void>
  readonly connected: boolean
  /** Connected and the broker granted the subscription at QoS 1 on this connection. */
  readonly subscribed: boolean
  readonly inFlight: number
  /** `connectionsLost`: connections that closed neither by stop() nor by a Kafka failure (a keepalive timeout, a broker gone). */
  readonly stats: { received: number; acked: number; redelivered: number; dropped: number; reconnects: number; connectionsLost: number }
}

type SendPacket = (packet: Packet, cb?: () => void, ...rest: unknown[]) => void
type Held = { packet?: Packet; rest: unknown[] }
/** Placeholder until the PUBACK packet is known (shared: this runs once per message). */
const PENDING: Held = { rest: [] }
/** The longest run of MQTT packets handled without giving other I/O a turn (packet-slices.ts). */
const SLICE_MS = 20

/**
 * Every packet read from the broker proves the connection alive, not only the acknowledgements
 * and PINGRESP that mqtt.js counts. A subscriber reads PUBLISH packets; under a backlog its
 * PINGRESP waits behind all those the broker has already written (Mosquitto 2.0.11 writes the
 * whole queue, past our Receive Maximum: docs/ingest.md, "Keepalive"), and a busy connection
 * timed out. The keepalive timer restarts at most four times per interval, so a message costs a
 * clock read. A connection that sends nothing is still pinged after `keepaliveS` and dropped
 * half an interval later.
 */
function keepAliveWhileReading(c: MqttClient, keepaliveS: number) {
  const everyMs = (keepaliveS * 1000) / 4
  let lastMs = 0
  c.on('packetreceive', () => {
    const now = Date.now()
    if (now - lastMs < everyMs) return
    lastMs = now
    c.reschedulePing(true)
  })
}

/**
 * MQTT 5 persistent-session subscriber whose PUBACKs wait for Kafka.
 *
 * mqtt.js handles incoming packets one at a time and couples the PUBACK with the go-ahead for
 * the next packet. To pipeline, the PUBACK packet is intercepted on its way out: the go-ahead
 * is given at once (while the window has room) and the PUBACK itself is released, in arrival
 * order, when Kafka has the message. A PUBACK with an error code would still acknowledge, so a
 * failed write never answers: the connection is dropped and the broker redelivers.
 */
export function createMqttSource(opts: MqttSourceOptions): MqttSource {
  const clock = opts.clock ?? Date.now
  const keepaliveS = opts.keepaliveS ?? 60
  const log = opts.logger
  const stats = { received: 0, acked: 0, redelivered: 0, dropped: 0, reconnects: 0, connectionsLost: 0 }
  let client: MqttClient | undefined
  let stopping = false
  let recovering = false
  let subscribed = false
  let firstOutcome: (() => void) | undefined
  let sendPacket: SendPacket | undefined
  const tickets = new Map<number, AckTicket>()
  const slices = createPacketSlices({ sliceMs: SLICE_MS, running: () => !stopping })

  const window = createAckWindow<Held>({
    capacity: opts.maxInFlight,
    ack: (held) => {
      // Never while disconnected: mqtt.js would queue the PUBACK and send it on the next
      // connection, where its packet id may name another message (the window is reset when a
      // connection goes; this is the second guard).
      if (held.packet && !client?.connected) return
      stats.acked += 1
      if (held.packet && sendPacket) sendPacket(held.packet, undefined, ...held.rest)
    },
  })

  const recover = (err: unknown) => {
    if (recovering || stopping || !client) return
    recovering = true
    stats.dropped += window.reset()
    slices.connectionGone()
    tickets.clear()
    log.warn({ err }, 'kafka write failed: dropping the MQTT connection so the broker redelivers what was not acknowledged')
    const c = client
    c.end(true, {}, () => {
      void opts.waitUntilWritable().then(() => {
        recovering = false
        if (stopping) return
        stats.reconnects += 1
        log.info('kafka writable again: reconnecting to MQTT')
        c.reconnect()
      })
    })
  }

  const customHandleAcks: IClientOptions['customHandleAcks'] = (topic, payload, packet, done) => {
    const p = packet as IPublishPacket
    stats.received += 1
    if (p.dup) stats.redelivered += 1
    const ticket = window.admit(PENDING)
    if (p.messageId !== undefined) tickets.set(p.messageId, ticket)
    opts.handle({ topic, payload, dup: p.dup ?? false, receivedAtMs: clock() }, (err) => (err ? recover(err) : window.settle(ticket)))
    done(0)
  }

  /** mqtt.js calls handleMessage for every PUBLISH and reads the next packet when it calls back. */
  const takeQos0 = (c: MqttClient) => {
    c.handleMessage = (packet, next) => {
      if (packet.qos !== 0) return next()
      stats.received += 1
      const ticket = window.admit({ rest: [] }, true)
      opts.handle({ topic: packet.topic, payload: packet.payload as Buffer, dup: false, receivedAtMs: clock() }, (err) => (err ? recover(err) : window.settle(ticket)))
      if (stopping) return
      window.onSpace(() => (stopping ? undefined : slices.goAhead(next)))
    }
  }

  const interceptPuback = (c: MqttClient) => {
    const internal = c as unknown as { _sendPacket: SendPacket }
    sendPacket = internal._sendPacket.bind(c)
    internal._sendPacket = (packet, cb, ...rest) => {
      const id = (packet as { messageId?: number }).messageId
      const ticket = packet.cmd === 'puback' && id !== undefined ? tickets.get(id) : undefined
      if (!ticket) return sendPacket?.(packet, cb, ...rest)
      tickets.delete(id as number)
      window.markReady(ticket, { packet, rest })
      // The go-ahead for the next packet: at once, or when the window has room again. While
      // stopping none is given: what the broker sends meanwhile stays unacknowledged for the
      // next session.
      if (!cb || stopping) return
      if (!window.full) slices.goAhead(cb)
      else window.onSpace(() => (stopping ? undefined : slices.goAhead(cb)))
    }
  }

  /** What was in flight on a connection that is gone will be redelivered: never acknowledge it later. */
  const connectionGone = () => {
    stats.dropped += window.reset()
    slices.connectionGone()
    tickets.clear()
    if (!subscribed) return
    subscribed = false
    opts.onSubscription?.({ kind: 'lost' })
    if (!stopping) log.warn('mqtt subscription lost with the connection: not ready until the broker grants it again')
  }

  /**
   * Subscribes on every CONNACK, also when the broker says the session is present: Mosquitto 2.0
   * restores a persistent session after a restart without its shared subscription, and mqtt.js
   * skips (and reports as granted) a subscribe it believes the session still holds (issue 10).
   * Only a SUBACK granting QoS 1 makes the source subscribed; anything else is logged and counted.
   */
  const subscribe = (c: MqttClient, sessionPresent: boolean) => {
    const connackAt = clock()
    log.info({ sessionPresent }, 'mqtt connected: subscribing')
    c.subscribe(opts.subscription, { qos: 1 }, (err, _subs, suback) => {
      if (c !== client) return
      // The SUBACK's own reason codes: on a refusal mqtt.js leaves the requested QoS in `_subs`.
      const reasonCodes = (((suback as { granted?: unknown[] } | undefined)?.granted ?? []) as unknown[]).map((g) => (typeof g === 'number' ? g : 0x80))
      firstOutcome?.()
      firstOutcome = undefined
      if (!err && reasonCodes.length === 1 && reasonCodes[0] === 1) {
        subscribed = true
        opts.onSubscription?.({ kind: 'granted', sinceConnackMs: clock() - connackAt, sessionPresent })
        log.info({ subscription: opts.subscription, sessionPresent, sinceConnackMs: clock() - connackAt }, 'mqtt subscription granted')
        return
      }
      opts.onSubscription?.({ kind: 'refused', reasonCodes })
      log.error({ err, subscription: opts.subscription, reasonCodes }, 'mqtt subscription refused: this connection receives nothing; check the broker ACL of the ingest account')
    })
  }

  return {
    async start() {
      stopping = false
      client = mqtt.connect(opts.url, {
        protocolVersion: 5,
        clientId: opts.clientId,
        clean: false,
        username: opts.username,
        password: opts.password,
        reconnectPeriod: opts.reconnectPeriodMs ?? 100,
        keepalive: keepaliveS,
        // Subscribing is ours to do on every connect (see subscribe()); mqtt.js's own resubscribe
        // bookkeeping would make it skip the SUBSCRIBE packet for a filter it has seen before.
        resubscribe: false,
        connectTimeout: 10_000,
        properties: { sessionExpiryInterval: opts.sessionExpiryS, receiveMaximum: opts.maxInFlight },
        customHandleAcks,
        // mqtt.js calls its debug logger several times per packet even when it is off.
        log: () => undefined,
        ...(opts.ca ? { ca: opts.ca } : {}),
      })
      interceptPuback(client)
      keepAliveWhileReading(client, keepaliveS)
      if (opts.acceptQos0) takeQos0(client)
      const c = client
      c.on('connect', (ack) => subscribe(c, ack.sessionPresent ?? false))
      c.on('close', () => {
        if (!stopping && !recovering) stats.connectionsLost += 1
        connectionGone()
      })
      c.on('error', (err) => log.warn({ err }, 'mqtt error'))
      // After a keepalive timeout mqtt.js destroys the stream and says 'offline' at once; 'close'
      // can come much later (28 s seen under load), and PUBACKs in between go nowhere.
      c.on('offline', () => {
        log.warn('mqtt offline')
        connectionGone()
      })
      // Started means the first SUBACK came (granted or refused: readiness tells which); a
      // refused login fails the start.
      await new Promise<void>((resolve, reject) => {
        const onError = (err: Error) => {
          const code = (err as { code?: number }).code
          if (code === 135 || code === 134) {
            firstOutcome = undefined
            reject(err)
          }
        }
        firstOutcome = () => {
          c.off('error', onError)
          resolve()
        }
        c.on('error', onError)
      })
    },
    async stop(drainTimeoutMs = 10_000) {
      stopping = true
      const c = client
      if (!c) return
      const deadline = clock() + drainTimeoutMs
      while (window.size > 0 && c.connected && clock() < deadline) await new Promise((r) => setTimeout(r, 5))
      if (window.size > 0) log.warn({ open: window.size }, 'stopping with messages in flight: the broker will redeliver them')
      client = undefined
      subscribed = false
      // Forced: the packet pump is paused, a graceful end would wait on it.
      await c.endAsync(true)
    },
    get connected() {
      return client?.connected ?? false
    },
    get subscribed() {
      return subscribed && (client?.connected ?? false)
    },
    get inFlight() {
      return window.size
    },
    stats,
  }
}
