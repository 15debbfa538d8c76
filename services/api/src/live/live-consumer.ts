import { liveMinuteSchema } from '@millstream/contract'
import type { Logger } from '@millstream/runtime'
import type { Kafka } from 'kafkajs'
import type { LiveHub } from './live-hub.ts'
import { createLiveFeed } from './live-feed.ts'
import { stateSamples } from './state-samples.ts'

export interface LiveConsumerOptions {
  kafka: Kafka
  hub: LiveHub
  logger: Logger
  minuteTopic: string
  telemetryTopic: string
  /** Unique per API instance: every instance needs every record for its own clients (fan-out, not work sharing). */
  groupPrefix: string
  retryMs?: number
}

/**
 * Two feeds fill the hub, each in a consumer group of its own that never commits to the
 * aggregator's. Minutes come from mill.machine-minute.v1, but a minute closes up to a minute plus
 * the aggregator's emit delay after a state change, too late for a live grid (a change must reach
 * the client within 2 s); so state changes are also read as they arrive from mill.telemetry.v1
 * (state samples only, alone or inside device batch records). The feeds start and retry
 * independently: neither waits for the other's topic.
 */
export function createLiveConsumer(o: LiveConsumerOptions) {
  const common = { kafka: o.kafka, logger: o.logger, ...(o.retryMs ? { retryMs: o.retryMs } : {}) }
  const minutes = createLiveFeed({
    ...common, topic: o.minuteTopic, groupId: `${o.groupPrefix}-minute`,
    onValue: (value) => {
      const r = liveMinuteSchema.safeParse(value)
      if (!r.success || r.data.kind !== 'machine') return
      const { firm, plant, line, device, ...data } = r.data
      o.hub.publish(firm, plant, { type: 'minute', line, device, data })
    },
  })
  const states = createLiveFeed({
    ...common, topic: o.telemetryTopic, groupId: `${o.groupPrefix}-state`,
    onValue: (value) => {
      for (const { firm, plant, line, device, ts, state, reason } of stateSamples(value)) {
        o.hub.publish(firm, plant, { type: 'state', line, device, data: { ts, state, ...(reason ? { reason } : {}) } })
      }
    },
  })
  return {
    start() {
      minutes.start()
      states.start()
    },
    /** Both feeds consuming. */
    get running() {
      return minutes.running && states.running
    },
    /** Each feed on its own, for readiness to say which one is missing. */
    get feeds() {
      return { minutes: minutes.running, states: states.running }
    },
    async stop() {
      await Promise.all([minutes.stop(), states.stop()])
    },
  }
}
