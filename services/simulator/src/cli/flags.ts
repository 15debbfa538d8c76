/**
 * Every flag, its environment variable and its help text, in one table: parseArgs and --help
 * both read it, so the help can never miss a flag. Flags override the environment.
 */
interface FlagSpec {
  type: 'string' | 'boolean'
  env?: string
  value?: string
  default?: string
  help: string
}

export const FLAGS = {
  mode: { type: 'string', env: 'SIM_MODE', value: 'realtime|fast', default: 'realtime', help: 'realtime: sim clock = wall clock x --speed; fast: generate a past period as fast as the broker accepts' },
  from: { type: 'string', env: 'SIM_FROM', value: 'TIME', help: 'start of the simulated period: RFC 3339 (2026-03-02T00:00:00+08:00), epoch ms, or "now" (default: now; fast mode: --to minus --duration)' },
  to: { type: 'string', env: 'SIM_TO', value: 'TIME', help: 'end of the simulated period (fast mode default: now); real-time mode stops there' },
  duration: { type: 'string', env: 'SIM_DURATION', value: 'DURATION', help: 'length of the period: 90s, 30m, 6h, 2d (with --from or --to, or alone: the period ending now)' },
  backfill: { type: 'string', env: 'SIM_BACKFILL', value: 'DURATION', help: 'real-time mode: start this long before now, publish that history as fast as possible, then go on in real time: one simulation, so counters and meters continue where the history left them' },
  speed: { type: 'string', env: 'SIM_SPEED', value: 'FACTOR', default: '1', help: 'real-time mode: simulated seconds per wall second' },
  seed: { type: 'string', env: 'SIM_SEED', value: 'INT', default: '1', help: 'same seed, registry and period -> the identical message stream' },
  boot: { type: 'string', env: 'SIM_BOOT', value: 'TEXT', help: "every device's boot id: give each run a new one (e.g. $(date +%s)) when it publishes into a pipeline that heard an earlier run, whose seq numbers start again from 0 (default: no boot)" },
  registry: { type: 'string', env: 'SIM_REGISTRY', value: 'PATH', help: 'registry JSON (default: seeds/registry.json, the five demo plants)' },
  plants: { type: 'string', env: 'SIM_PLANTS', value: 'LIST', help: 'comma-separated firm or firm/plant ids to simulate (default: all)' },
  'plant-copies': { type: 'string', env: 'SIM_PLANT_COPIES', value: 'N', default: '1', help: 'run each plant N times (copies get ids {plant}-c2 ...; export the registry for ingest and ACLs)' },
  'machines-per-line': { type: 'string', env: 'SIM_MACHINES_PER_LINE', value: 'N', help: 'resize every production line to N machines (copies get ids {machine}-cK)' },
  'export-registry': { type: 'string', value: 'PATH', help: 'write the registry actually simulated (after --plants, --plant-copies, --machines-per-line) and exit' },
  'period-s': { type: 'string', env: 'SIM_PERIOD_S', value: 'SECONDS', default: '10', help: 'count and energy readings every this many simulated seconds' },
  'heartbeat-s': { type: 'string', env: 'SIM_HEARTBEAT_S', value: 'SECONDS', default: '60', help: 'repeat the current state every this many simulated seconds' },
  'ts-format': { type: 'string', env: 'SIM_TS_FORMAT', value: 'rfc3339|epoch|mixed', default: 'mixed', help: 'payload ts: RFC 3339 with the plant offset, epoch ms, or alternating by plant' },
  sink: { type: 'string', env: 'SIM_SINK', value: 'mqtt|stdout|null', default: 'mqtt', help: 'publish over MQTT, print NDJSON {atMs,topic,payload} to stdout, or discard' },
  encoding: { type: 'string', env: 'SIM_ENCODING', value: 'v1|batch|sparkplug', default: 'v1', help: 'v1: one message per reading on its machine topic; batch: a plant gateway\'s contract v1.1 batch messages on mill/v1/{firm}/{plant}/batch; sparkplug: each plant gateway is a Sparkplug B edge node (spBv1.0/...), births then DDATA with aliases' },
  'batch-size': { type: 'string', env: 'SIM_BATCH_SIZE', value: 'N', default: '100', help: 'samples per batch message with --encoding batch (1-1000; a batch not full goes out after 1 s)' },
  'mqtt-url': { type: 'string', env: 'MQTT_URL', value: 'URL', help: 'broker, e.g. mqtt://127.0.0.1:18830 (required for --sink mqtt)' },
  credentials: { type: 'string', env: 'MQTT_CREDENTIALS_FILE', value: 'PATH', help: "gateway passwords: the broker's credentials.json or seeds/dev-credentials.json (default: the dev-only derived passwords)" },
  'max-inflight': { type: 'string', env: 'SIM_MAX_INFLIGHT', value: 'N', default: '100', help: "unacknowledged QoS 1 publishes per plant connection (capped by the broker's Receive Maximum)" },
  'client-id-prefix': { type: 'string', env: 'SIM_CLIENT_ID_PREFIX', value: 'TEXT', default: 'millstream-sim', help: 'MQTT client ids are {prefix}-{firm}-{plant}' },
  'connect-timeout-s': { type: 'string', env: 'SIM_CONNECT_TIMEOUT_S', value: 'SECONDS', default: '30', help: 'give up when a plant connection has no CONNACK by then' },
  chaos: { type: 'boolean', env: 'SIM_CHAOS', help: 'inject faults at the default rates (each rate below overrides its default)' },
  'chaos-duplicate': { type: 'string', env: 'SIM_CHAOS_DUPLICATE', value: 'P', help: 'probability a message is published twice (same seq) [0.01]' },
  'chaos-out-of-order': { type: 'string', env: 'SIM_CHAOS_OUT_OF_ORDER', value: 'P', help: 'probability a message is delayed past newer ones (1.2-3 periods) [0.005]' },
  'chaos-late': { type: 'string', env: 'SIM_CHAOS_LATE', value: 'P', help: 'probability a message is published --chaos-late-delay-s late [0.001]' },
  'chaos-late-delay-s': { type: 'string', env: 'SIM_CHAOS_LATE_DELAY_S', value: 'SECONDS', help: 'how late "late" is (1-1.5 x this) [7200]' },
  'chaos-bad': { type: 'string', env: 'SIM_CHAOS_BAD', value: 'P', help: 'probability a bad message follows (malformed JSON, wrong types, negative total, unknown machine) [0.001]' },
  'chaos-gap-per-h': { type: 'string', env: 'SIM_CHAOS_GAP_PER_H', value: 'RATE', help: 'offline gaps per device-hour [0.02]' },
  'chaos-gap-s': { type: 'string', env: 'SIM_CHAOS_GAP_S', value: 'SECONDS', help: 'length of an offline gap [300]' },
  'chaos-reset-per-h': { type: 'string', env: 'SIM_CHAOS_RESET_PER_H', value: 'RATE', help: 'controller restarts (counters and meters back to 0) per device-hour [0.01]' },
  'chaos-restart-s': { type: 'string', env: 'SIM_CHAOS_RESTART_S', value: 'SECONDS', help: 'how long a restarting machine is off and silent [120]' },
  'chaos-discontinuity-per-h': { type: 'string', env: 'SIM_CHAOS_DISCONTINUITY_PER_H', value: 'RATE', help: 'register discontinuities per device-hour: a register rewound to a large value, a meter replaced with a new non-zero start, a one-reading spike [0.01]' },
  'chaos-out-of-range': { type: 'string', env: 'SIM_CHAOS_OUT_OF_RANGE', value: 'P', help: 'probability a process (gauge) reading lies outside its plausible range [0.002]' },
  report: { type: 'string', env: 'SIM_REPORT', value: 'PATH', help: 'write the JSON report of what was sent, acknowledged and injected' },
  'progress-s': { type: 'string', env: 'SIM_PROGRESS_S', value: 'SECONDS', default: '5', help: 'a progress line on stderr every this many wall seconds' },
  'http-port': { type: 'string', env: 'HTTP_PORT', value: 'PORT', help: 'serve /healthz, /readyz and /metrics on this port (0: any free port; default: no endpoints)' },
  'http-host': { type: 'string', env: 'HTTP_HOST', value: 'HOST', default: '127.0.0.1', help: 'address of the ops endpoints' },
  'log-level': { type: 'string', env: 'LOG_LEVEL', value: 'LEVEL', default: 'info', help: 'pino level for the JSON log on stderr (fatal..trace, silent)' },
  help: { type: 'boolean', help: 'show this help' },
} as const satisfies Record<string, FlagSpec>

export type FlagName = keyof typeof FLAGS

export function helpText(): string {
  const rows = Object.entries(FLAGS).map(([name, spec]: [string, FlagSpec]) => {
    const left = `  --${name}${spec.value ? ` ${spec.value}` : ''}`
    const env = spec.env ? ` (env ${spec.env})` : ''
    const def = spec.default ? ` [${spec.default}]` : ''
    return `${left.padEnd(36)} ${spec.help}${def}${env}`
  })
  return [
    'Usage: millstream-simulator [flags]        (pnpm --filter @millstream/simulator start -- [flags])',
    '',
    'Simulates the textile plants of a registry and publishes their machine states, counts and',
    'meter readings over MQTT in the v1 contract (mill/v1/{firm}/{plant}/{line}/{machine}/{channel}).',
    '',
    'Flags:',
    ...rows,
    '',
    'Examples:',
    '  MQTT_URL=mqtt://127.0.0.1:18830 millstream-simulator                      live demo, all plants',
    '  millstream-simulator --mode fast --duration 1d --seed 7 --report r.json   yesterday, as fast as possible',
    '  millstream-simulator --sink stdout --mode fast --duration 10m --plants dean-textile | head',
    '  millstream-simulator --chaos --chaos-late 0.01 --report chaos.json        faults for the pipeline tests',
  ].join('\n')
}
