import { liveMinuteSchema, telemetryRecordSchema } from '@millstream/contract'
import type { Logger } from '@millstream/runtime'
import type { Consumer, Kafka } from 'kafkajs'
import type { LiveHub } from './live-hub.ts'

export interface LiveConsumerOptions {
  kafka: Kafka
  hub: LiveHub
  logger: Logger
  minuteTopic: string
  telemetryTopic: string
  /** Unique per API instance: every instance needs every record for its own clients (fan-out, not work sharing). */
  groupPrefix: string
}

/**
 * Two consumers feed the hub. Minutes come from mill.machine-minute.v1, but a minute closes up to
 * a minute plus the aggregator's emit delay after a state change, too late for the 2 s p99 target
 * (issue 13); so state changes are also read as they arrive from mill.telemetry.v1 (state records
 * only), in a group of their own that never commits to the aggregator's group. Both start at the
 * latest offset: the live view is about now; history is the store's job.
 */
export function createLiveConsumer(o: LiveConsumerOptions) {
  const log = o.logger.child({ component: 'live-consumer' })
  const consumers: Consumer[] = []
  const run = async (topic: string, suffix: string, onValue: (value: unknown) => void) => {
    const consumer = o.kafka.consumer({ groupId: `${o.groupPrefix}-${suffix}`, maxWaitTimeInMs: 100 })
    consumers.push(consumer)
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: false })
    await consumer.run({
      autoCommit: true,
      eachMessage: async ({ message }) => {
        if (!message.value) return
        try {
          onValue(JSON.parse(message.value.toString('utf8')))
        } catch (err) {
          log.warn({ err, topic }, 'live record not JSON; skipped')
        }
      },
    })
  }
  let stopped = false
  let running = false
  const startOnce = async () => {
      await Promise.all([
        run(o.minuteTopic, 'minute', (value) => {
          const r = liveMinuteSchema.safeParse(value)
          if (!r.success || r.data.kind !== 'machine') return
          const { firm, plant, line, device, ...data } = r.data
          o.hub.publish(firm, plant, { type: 'minute', line, device, data })
        }),
        run(o.telemetryTopic, 'state', (value) => {
          if ((value as { channel?: unknown }).channel !== 'state') return
          const r = telemetryRecordSchema.safeParse(value)
          if (!r.success || r.data.channel !== 'state') return
          const { firm, plant, line, device, ts, state } = r.data
          o.hub.publish(firm, plant, { type: 'state', line, device, data: { ts, state, ...(r.data.reason ? { reason: r.data.reason } : {}) } })
        }),
      ])
      log.info({ minuteTopic: o.minuteTopic, telemetryTopic: o.telemetryTopic }, 'live consumers running')
  }
  const disconnectAll = async () => void (await Promise.allSettled(consumers.splice(0).map((c) => c.disconnect())))
  return {
    /**
     * Runs in the background, retrying every 2 s until the topics exist (the aggregator and
     * ingest create them): the API serves history while live is not yet there (readiness says so).
     */
    start() {
      void (async () => {
        while (!stopped && !running) {
          try {
            await startOnce()
            running = true
          } catch (err) {
            log.warn({ err }, 'live consumers not started; retrying in 2 s')
            await disconnectAll()
            await new Promise((r) => setTimeout(r, 2_000))
          }
        }
      })()
    },
    get running() {
      return running
    },
    async stop() {
      stopped = true
      await disconnectAll()
    },
  }
}
