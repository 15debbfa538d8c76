import type { Logger } from '@millstream/runtime'
import type { Consumer, Kafka } from 'kafkajs'

export interface LiveFeedOptions {
  kafka: Kafka
  logger: Logger
  topic: string
  groupId: string
  onValue(value: unknown): void
  retryMs?: number
}

/**
 * One topic read into the hub by a consumer of its own, started and restarted on its own: a feed
 * whose topic does not exist yet (the API started before the aggregator created the minute topic)
 * retries without ever touching the other feed, so state changes keep flowing meanwhile. Starts at
 * the latest offset: the live view is about now; history is the store's job.
 */
export function createLiveFeed(o: LiveFeedOptions) {
  const log = o.logger.child({ component: 'live-feed', topic: o.topic })
  const retryMs = o.retryMs ?? 2_000
  let consumer: Consumer | undefined
  let running = false
  let crashed = false
  let stopped = false
  let wake: (() => void) | undefined

  const startOnce = async () => {
    const c = o.kafka.consumer({ groupId: o.groupId, maxWaitTimeInMs: 100 })
    consumer = c
    // kafkajs restarts a consumer after retriable errors itself; after any other it stops for good
    // (CRASH with restart false) and the feed must start a new one.
    c.on(c.events.CRASH, ({ payload }) => {
      if (payload.restart || stopped) return
      log.warn({ err: payload.error }, 'live consumer stopped; starting a new one')
      crashed = true
      running = false
      wake?.()
    })
    await c.connect()
    await c.subscribe({ topic: o.topic, fromBeginning: false })
    await c.run({
      autoCommit: true,
      eachMessage: async ({ message }) => {
        if (!message.value) return
        let value: unknown
        try {
          value = JSON.parse(message.value.toString('utf8'))
        } catch (err) {
          log.warn({ err }, 'live record not JSON; skipped')
          return
        }
        o.onValue(value)
      },
    })
  }
  const disconnect = async () => {
    const c = consumer
    consumer = undefined
    await c?.disconnect().catch(() => undefined)
  }
  const pause = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    wake = () => (clearTimeout(timer), resolve())
  })

  const loop = async () => {
    while (!stopped) {
      if (!running) {
        try {
          crashed = false
          await startOnce()
          running = !crashed
          if (running) log.info('live feed running')
          continue
        } catch (err) {
          log.warn({ err }, `live feed not started; retrying in ${retryMs} ms`)
          await disconnect()
          if (!stopped) await pause(retryMs)
          continue
        }
      }
      // Running: sleep until a crash wakes the loop (or stop does).
      if (!crashed) await pause(2 ** 31 - 1)
      if (!running && !stopped) await disconnect()
    }
  }

  return {
    start() {
      void loop()
    },
    get running() {
      return running
    },
    async stop() {
      stopped = true
      running = false
      wake?.()
      await disconnect()
    },
  }
}
