import { AppError } from '@millstream/runtime'
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt'
import type { Logger } from 'pino'
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
  /** Extra mqtt.js options (TLS material, keepalive) from the composition root. */
  clientOptions?: IClientOptions
}

/**
 * One plant gateway's MQTT 5 connection: QoS 1 publishes, a bounded number in flight, every
 * PUBACK counted. A PUBACK reason code >= 0x80 (e.g. 0x87 Not authorized from an ACL) is a refusal.
 */
export function createMqttSink(options: MqttSinkOptions): Sink {
  const log = options.logger.child({ component: 'mqtt-sink', username: options.username })
  const slots = createSlots(options.maxInflight)
  let client: MqttClient | undefined
  let stopping: Promise<void> | undefined

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
      client.publish(message.topic, message.payload, { qos: 1 }, (err) => {
        slots.release()
        if (!err) settled({ kind: 'acked' })
        else {
          const code = (err as { code?: unknown }).code
          settled(typeof code === 'number' && code >= 0x80 ? { kind: 'refused', reasonCode: code } : { kind: 'failed', error: err.message })
        }
      })
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
