import { parseArgs } from 'node:util'
import { BATCH_MAX_SAMPLES, bootSchema } from '@millstream/contract'
import { LOG_LEVELS, type LogLevel } from '@millstream/runtime'
import { DEFAULT_CHAOS, NO_CHAOS, type ChaosConfig } from '../chaos/chaos-config.ts'
import { ENCODINGS, type Encoding } from '../publish/batching-sink.ts'
import type { SinkKind, TsFormatOption } from '../simulator-options.ts'
import { FLAGS, type FlagName } from './flags.ts'
import { CliError, parseBoolean, parseChoice, parseDurationMs, parseInstantMs, parseNumber } from './parse-values.ts'

/** What the flags and environment say, parsed and checked; main.ts does the I/O (registry, credentials). */
export interface CliSettings {
  mode: 'realtime' | 'fast'
  fromMs: number
  /** Real-time mode: the history before now published fast first (fromMs = now - backfill). */
  backfillMs?: number
  toMs: number
  speed: number
  seed: number
  /** Sent as every device's `boot`, so a rerun's seq numbers are not copies of the last run's. */
  boot?: string
  registryPath?: string
  plants: string[]
  plantCopies: number
  machinesPerLine?: number
  exportRegistryPath?: string
  periodS: number
  heartbeatS: number
  tsFormat: TsFormatOption
  sink: SinkKind
  encoding: Encoding
  batchSize: number
  mqttUrl?: string
  credentialsPath?: string
  maxInflight: number
  clientIdPrefix: string
  connectTimeoutMs: number
  chaos: ChaosConfig
  reportPath?: string
  progressIntervalMs: number
  logLevel: LogLevel
  httpPort?: number
  httpHost: string
}

export type CliResult = { kind: 'help' } | { kind: 'run'; settings: CliSettings }

/** Only the type: defaults are applied after the environment, so that a flag's default never hides its variable. */
const PARSE_ARGS_OPTIONS = Object.fromEntries(Object.entries(FLAGS).map(([name, spec]) => [name, { type: spec.type }])) as {
  [K in FlagName]: { type: (typeof FLAGS)[K]['type'] }
}

/** Parses argv (without node and script) and the environment. Throws CliError with the flag and the reason. */
export function parseCli(argv: string[], env: Record<string, string | undefined>, nowMs: number): CliResult {
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({ args: argv, options: PARSE_ARGS_OPTIONS, strict: true, allowPositionals: false }).values
  } catch (err) {
    throw new CliError(`${(err as Error).message}\nRun with --help for the list of flags.`)
  }
  if (values.help) return { kind: 'help' }
  const raw = (name: FlagName): string | undefined => {
    const flag = values[name]
    if (typeof flag === 'string') return flag
    const spec = FLAGS[name] as { env?: string; default?: string }
    const fromEnv = spec.env ? env[spec.env] : undefined
    return fromEnv !== undefined && fromEnv.trim() !== '' ? fromEnv : spec.default
  }
  const num = (name: FlagName, range: Parameters<typeof parseNumber>[2] = {}) => {
    const text = raw(name)
    return text === undefined ? undefined : parseNumber(name, text, range)
  }

  const mode = parseChoice('mode', raw('mode') ?? 'realtime', ['realtime', 'fast'] as const)
  const periodS = num('period-s', { min: 0.1, max: 3600 }) ?? 10
  const period = resolvePeriod(mode, raw, nowMs, periodS * 1000)
  const sink = parseChoice('sink', raw('sink') ?? 'mqtt', ['mqtt', 'stdout', 'null'] as const)
  const exportRegistryPath = raw('export-registry')
  const mqttUrl = raw('mqtt-url')
  if (sink === 'mqtt' && !mqttUrl && !exportRegistryPath) throw new CliError('--mqtt-url (or MQTT_URL) is required with --sink mqtt, e.g. mqtt://127.0.0.1:18830')
  if (mqttUrl && !/^(mqtts?|tcp|tls|ssl|wss?):\/\/[^/]+/.test(mqttUrl)) throw new CliError(`--mqtt-url: expected mqtt://host:port (or mqtts://, ws://, wss://), got "${mqttUrl}"`)

  return {
    kind: 'run',
    settings: {
      mode,
      ...period,
      speed: num('speed', { min: 0.001, max: 100_000 }) ?? 1,
      seed: num('seed', { min: 0, max: 2 ** 32 - 1, integer: true }) ?? 1,
      ...bootOf(raw('boot')),
      registryPath: raw('registry'),
      plants: (raw('plants') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''),
      plantCopies: num('plant-copies', { min: 1, max: 1000, integer: true }) ?? 1,
      machinesPerLine: num('machines-per-line', { min: 1, max: 10_000, integer: true }),
      exportRegistryPath,
      periodS,
      heartbeatS: num('heartbeat-s', { min: 1, max: 86_400 }) ?? 60,
      tsFormat: parseChoice('ts-format', raw('ts-format') ?? 'mixed', ['rfc3339', 'epoch', 'mixed'] as const),
      sink,
      encoding: parseChoice('encoding', raw('encoding') ?? 'v1', ENCODINGS),
      batchSize: num('batch-size', { min: 1, max: BATCH_MAX_SAMPLES, integer: true }) ?? 100,
      mqttUrl,
      credentialsPath: raw('credentials'),
      maxInflight: num('max-inflight', { min: 1, max: 65_535, integer: true }) ?? 100,
      clientIdPrefix: raw('client-id-prefix') ?? 'millstream-sim',
      connectTimeoutMs: (num('connect-timeout-s', { min: 1, max: 3600 }) ?? 30) * 1000,
      chaos: resolveChaos(values.chaos === true || parseBoolean('chaos', env.SIM_CHAOS ?? 'false'), num),
      reportPath: raw('report'),
      progressIntervalMs: (num('progress-s', { min: 0.1, max: 3600 }) ?? 5) * 1000,
      logLevel: parseChoice('log-level', raw('log-level') ?? 'info', LOG_LEVELS),
      httpPort: num('http-port', { min: 0, max: 65_535, integer: true }),
      httpHost: raw('http-host') ?? '127.0.0.1',
    },
  }
}

function resolvePeriod(mode: 'realtime' | 'fast', raw: (name: FlagName) => string | undefined, nowMs: number, periodMs: number): { fromMs: number; toMs: number; backfillMs?: number } {
  const backfillText = raw('backfill')
  if (backfillText !== undefined) {
    if (mode !== 'realtime') throw new CliError('--backfill is for --mode realtime (fast mode publishes a past period: --duration)')
    if (raw('from') !== undefined) throw new CliError('give --backfill or --from, not both')
    const backfillMs = parseDurationMs('backfill', backfillText)
    const to = raw('to') === undefined ? Infinity : parseInstantMs('to', raw('to') as string, nowMs)
    return { fromMs: nowMs - backfillMs, toMs: to, backfillMs }
  }
  const fromText = raw('from')
  const toText = raw('to')
  const durationText = raw('duration')
  if (fromText && toText && durationText) throw new CliError('give at most two of --from, --to and --duration')
  const from = fromText === undefined ? undefined : parseInstantMs('from', fromText, nowMs)
  const to = toText === undefined ? undefined : parseInstantMs('to', toText, nowMs)
  const duration = durationText === undefined ? undefined : parseDurationMs('duration', durationText)
  let fromMs: number
  let toMs: number
  if (mode === 'realtime') {
    fromMs = from ?? (to !== undefined && duration !== undefined ? to - duration : nowMs)
    toMs = to ?? (duration !== undefined ? fromMs + duration : Infinity)
  } else {
    if (from === undefined && duration === undefined) throw new CliError('--mode fast needs a period: --duration (ending now), --from and --to, or --from with --duration')
    const end = Math.floor(nowMs / periodMs) * periodMs
    toMs = to ?? (from !== undefined && duration !== undefined ? from + duration : end)
    fromMs = from ?? toMs - (duration as number)
  }
  if (!(fromMs < toMs)) throw new CliError(`the period is empty: --from ${new Date(fromMs).toISOString()} is not before --to ${new Date(toMs).toISOString()}`)
  return { fromMs, toMs }
}

function resolveChaos(enabled: boolean, num: (name: FlagName, range?: Parameters<typeof parseNumber>[2]) => number | undefined): ChaosConfig {
  const base = enabled ? DEFAULT_CHAOS : NO_CHAOS
  const p = { min: 0, max: 1 }
  const chaos: ChaosConfig = {
    duplicate: num('chaos-duplicate', p) ?? base.duplicate,
    outOfOrder: num('chaos-out-of-order', p) ?? base.outOfOrder,
    late: num('chaos-late', p) ?? base.late,
    lateDelayS: num('chaos-late-delay-s', { min: 1 }) ?? base.lateDelayS,
    bad: num('chaos-bad', p) ?? base.bad,
    gapPerDeviceH: num('chaos-gap-per-h', { min: 0, max: 3600 }) ?? base.gapPerDeviceH,
    gapS: num('chaos-gap-s', { min: 1 }) ?? base.gapS,
    resetPerDeviceH: num('chaos-reset-per-h', { min: 0, max: 3600 }) ?? base.resetPerDeviceH,
    restartS: num('chaos-restart-s', { min: 1 }) ?? base.restartS,
    discontinuityPerDeviceH: num('chaos-discontinuity-per-h', { min: 0, max: 3600 }) ?? base.discontinuityPerDeviceH,
    outOfRange: num('chaos-out-of-range', p) ?? base.outOfRange,
  }
  if (chaos.late + chaos.outOfOrder > 1) throw new CliError('--chaos-late plus --chaos-out-of-order must not exceed 1')
  return chaos
}

/** A boot id the contract accepts (bootSchema). */
function bootOf(value: string | undefined): { boot?: string } {
  if (value === undefined) return {}
  const r = bootSchema.safeParse(value)
  if (!r.success) throw new CliError(`--boot: ${r.error.issues[0]?.message ?? 'not a boot id'}, got "${value}"`)
  return { boot: value }
}
