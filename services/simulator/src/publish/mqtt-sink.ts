import { AppError } from '@millstream/runtime'
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt'
import type { Logger } from 'pino'
import type { SimMessage } from '../sim/sim-message.ts'
import type { Sink } from './sink.ts'
import { createSlots } from './sink.ts'

export interface MqttSinkOptions {
  url: string
  username: string
  password: string
  clientId: string
  /** Unacknowledged QoS 1 publishes allowed at once; capped by the broker's Receive Maximum. */
  maxInflight: number
  logger: Logger
  connectTimeoutMs?: number
  drainTimeoutMs?: number
  /** Extra mqtt.js options (TLS material, keepalive, a will) from the composition root. */
  clientOptions?: IClientOptions
  /** What goes on the wire for a message (another encoding, e.g. Sparkplug B); default its v1 topic and payload. */
  encode?: (message: SimMessage) => { topic: string; payload: string | Buffer }
  /** Called on every CONNACK, before queued publishes matter (a Sparkplug edge node's births). */
  onConnect?: (client: MqttClient) => void
}

/** MQTT 5 PUBACK reason 16: the broker took the message but had nobody to deliver it to, and dropped it. */
const NO_MATCHING_SUBSCRIBERS = 0x10

/**
 * One plant gateway's MQTT 5 connection: QoS 1 publishes, a bounded number in flight, every
 * PUBACK counted. Only reason 0 means delivered. Reason 16 (no matching subscribers, e.g. while
 * ingest re-subscribes after a broker restart) means the broker dropped the message: it is kept
 * and sent again, with backoff, until a PUBACK 0 or a refusal (issue 10; the contract in
 * docs/ingest.md). A reason code >= 0x80 (e.g. 0x87 Not authorized from an ACL) is a refusal.
 */
export function createMqttSink(options: MqttSinkOptions): Sink {
  const log = options.logger.child({ component: 'mqtt-sink', username: options.username })
  const slots = createSlots(options.maxInflight)
  let client: MqttClient | undefined
  let stopping: Promise<void> | undefined
  // mqtt.js reports PUBACK 16 as plain success and hands the callback the stored PUBLISH, not the
  // PUBACK: the reason code is read from the packet on its way in, by message id.
  const noSubscribers = new Set<number>()
  let resent = 0

  async function start(): Promise<void> {
    const c = mqtt.connect(options.url, {
      ...options.clientOptions,
      protocolVersion: 5,
      clientId: options.clientId,
      username: options.username,
      password: options.password,
      clean: true,
      reconnectPeriod: 1000,
    })
    client = c
    if (options.onConnect) c.on('connect', () => options.onConnect?.(c))
    c.on('packetreceive', (packet) => {
      const p = packet as { cmd: string; messageId?: number; reasonCode?: number }
      if (p.cmd === 'puback' && p.reasonCode === NO_MATCHING_SUBSCRIBERS && p.messageId !== undefined) noSubscribers.add(p.messageId)
    })
    c.on('reconnect', () => log.warn('reconnecting'))
    c.on('offline', () => log.warn('offline'))
    try {
      const connack = await firstConnect(c, options.connectTimeoutMs ?? 30_000)
      const receiveMaximum = connack.properties?.receiveMaximum
      if (receiveMaximum !== undefined && receiveMaximum < options.maxInflight) slots.setLimit(receiveMaximum)
      log.info({ url: options.url, maxInflight: Math.min(options.maxInflight, receiveMaximum ?? Infinity) }, 'connected')
    } catch (cause) {
      c.end(true)
      throw new AppError(`MQTT connection for ${options.username} to ${options.url} failed: ${(cause as Error).message}`, {
        code: 'mqtt_connect_failed', retriable: !isAuthError(cause), cause,
      })
    }
    c.on('error', (err) => log.error({ err }, 'mqtt error'))
  }

  return {
    start,
    async publish(message, settled) {
      if (!client || stopping) {
        settled({ kind: 'failed', error: 'sink stopped' })
        return
      }
      await slots.acquire()
      const attempt = (retry: number) => {
        const c = client
        if (!c || (stopping && retry > 0)) {
          slots.release()
          settled({ kind: 'failed', error: 'no matching subscribers (PUBACK 16) until the sink stopped' })
          return
        }
        const wire = options.encode ? options.encode(message) : message
        c.publish(wire.topic, wire.payload, { qos: 1 }, (err, packet) => {
          const id = (packet as { messageId?: number } | undefined)?.messageId
          if (!err && id !== undefined && noSubscribers.delete(id)) {
            resent++
            if (retry === 0 || resent % 1000 === 0) log.warn({ topic: message.topic, resent }, 'PUBACK 16 (no matching subscribers): the broker dropped the message; sending it again')
            setTimeout(() => attempt(retry + 1), Math.min(50 * 2 ** Math.min(retry, 6), 2000)).unref()
            return
          }
          slots.release()
          if (!err) settled({ kind: 'acked' })
          else {
            const code = (err as { code?: unknown }).code
            settled(typeof code === 'number' && code >= 0x80 ? { kind: 'refused', reasonCode: code } : { kind: 'failed', error: err.message })
          }
        })
      }
      attempt(0)
    },
    stop() {
      stopping ??= (async () => {
        if (!client) return
        const drained = await Promise.race([slots.idle().then(() => true), delay(options.drainTimeoutMs ?? 30_000).then(() => false)])
        if (!drained) log.warn({ inFlight: slots.inFlight }, 'drain timed out; unacknowledged publishes count as failed')
        await client.endAsync(!drained)
      })()
      return stopping
    },
  }
}

/** Waits for the first CONNACK; mqtt.js retries refused TCP connections, a refused login fails at once. */
function firstConnect(c: MqttClient, timeoutMs: number): Promise<{ properties?: { receiveMaximum?: number } }> {
  return new Promise((resolve, reject) => {
    let lastError: Error | undefined
    const timer = setTimeout(() => {
      c.off('error', onError)
      reject(new Error(`no CONNACK within ${timeoutMs} ms${lastError ? ` (last error: ${lastError.message})` : ''}`))
    }, timeoutMs)
    const onError = (err: Error) => {
      lastError = err
      if (!isAuthError(err)) return
      clearTimeout(timer)
      c.off('error', onError)
      reject(err)
    }
    c.on('error', onError)
    c.once('connect', (connack) => {
      clearTimeout(timer)
      c.off('error', onError)
      resolve(connack)
    })
  })
}

/** CONNACK 0x86 bad user name or password, 0x87 not authorized: retrying will not help. */
function isAuthError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code
  return code === 0x86 || code === 0x87 || code === 4 || code === 5
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}
