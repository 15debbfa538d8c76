import type { Registry } from '@millstream/contract'
import type { ChaosConfig } from './chaos/chaos-config.ts'
import type { Encoding } from './publish/batching-sink.ts'

export type TsFormatOption = 'rfc3339' | 'epoch' | 'mixed'
export type SinkKind = 'mqtt' | 'stdout' | 'null'

/** Everything a run needs, already parsed and validated (main.ts builds it from flags and env). */
export interface SimulatorOptions {
  registry: Registry
  /** Where the registry came from, for the report. */
  registrySource: string
  seed: number
  /** Every device's `boot` in its payloads; none by default (the stream depends on the seed alone). */
  boot?: string
  mode: 'realtime' | 'fast'
  fromMs: number
  /** Real-time mode: publish [fromMs, fromMs + backfillMs) as fast as possible first, then go on in real time. */
  backfillMs?: number
  /** Infinity: real-time until stopped. */
  toMs: number
  /** Real-time mode: simulated seconds per wall second. */
  speed: number
  periodS: number
  heartbeatS: number
  tsFormat: TsFormatOption
  chaos: ChaosConfig
  sink: SinkKind
  /** v1 (default): one message per reading; batch: contract v1.1 batch messages of `batchSize` (default 100) samples per plant; sparkplug: a Sparkplug B edge node per plant (docs/sparkplug.md). */
  encoding?: Encoding
  batchSize?: number
  mqtt?: {
    url: string
    /** The gateway login of a plant. */
    credentials: (firm: string, plant: string) => { username: string; password: string }
    maxInflight: number
    clientIdPrefix: string
    connectTimeoutMs: number
  }
  reportPath?: string
  progressIntervalMs: number
}
