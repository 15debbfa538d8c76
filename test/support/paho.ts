import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { KAFKA_TOPICS, type TelemetryRecord } from '@millstream/contract'
import { consumeFrom, type Offsets } from './kafka.ts'
import { mqttPassword, servers, uniqueName } from './servers.ts'

/** Mosquitto's autosave_interval (5 s, deploy/local/lib/mosquitto.sh) plus a second of slack. */
export const CRASH_WINDOW_MS = 6_000

const SCRIPTS = fileURLToPath(new URL('../ingest/paho/', import.meta.url))
/** Debian's python3-paho-mqtt installs for the system Python (scripts/bootstrap.sh). */
const PYTHON = process.env.MILLSTREAM_PYTHON ?? '/usr/bin/python3'

type Line = { ev: string } & Record<string, unknown>

/** Runs one of test/ingest/paho/*.py with its JSON config; calls `onLine` for each JSON line it prints. */
function runScript(script: string, config: Record<string, unknown>, onLine: (line: Line) => void = () => undefined): Promise<Line> {
  const url = new URL(servers().mqttUrl)
  const username = config.username as string
  const args = { host: url.hostname, port: Number(url.port), password: mqttPassword(username), clientId: uniqueName('paho'), ...config }
  const child = spawn(PYTHON, [`${SCRIPTS}${script}`, JSON.stringify(args)], { cwd: SCRIPTS, stdio: ['ignore', 'pipe', 'pipe'] })
  let buffered = ''
  let last: Line | undefined
  const stderr: string[] = []
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()))
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString()
    let nl: number
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffered.slice(0, nl)) as Line
      buffered = buffered.slice(nl + 1)
      last = line
      onLine(line)
    }
  })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => {
      if (code === 0 && last?.ev === 'done') resolve(last)
      else reject(new Error(`${script} exited ${code}: ${stderr.join('').slice(-2000)}`))
    })
  })
}

export interface PahoStreamResult {
  total: number
  /** [machine index, seq, PUBACK-0 time in epoch ms] for each message the broker took with reason 0. */
  acked: [number, number, number][]
  resent16: number
  refused: number
  connects: number
  disconnects: number
}

/** A paho-mqtt gateway publishing `perMachine` count messages per machine (seq 1..n, ts baseTs + seq s). */
export function pahoStream(o: { username: string; prefix: string; machines: string[]; perMachine: number; baseTs: number; window?: number; rate?: number; deadlineS?: number; onProgress?: (p: Line) => void }): Promise<PahoStreamResult> {
  const { onProgress, ...config } = o
  return runScript('stream.py', { window: 100, rate: 0, deadlineS: 90, ...config }, onProgress) as unknown as Promise<PahoStreamResult>
}

/** Tries each filter as `username` with paho-mqtt; the SUBACK reason code of each, and messages received while listening. */
export function pahoSubscribe(o: { username: string; filters: string[]; listenS?: number; onSubscribed?: () => void }): Promise<{ granted: Record<string, number>; received: number }> {
  const { onSubscribed, ...config } = o
  return runScript('subscribe.py', { listenS: 0, ready: Boolean(onSubscribed), ...config }, (line) => line.ev === 'subscribed' && onSubscribed?.()) as unknown as Promise<{ granted: Record<string, number>; received: number }>
}

/** Which messages the broker acknowledged with reason 0 are not in Kafka, with their PUBACK times. */
export async function missingInKafka(result: PahoStreamResult, from: Offsets, base: number, machines: string[], timeoutMs = 60_000) {
  const key = ([m, seq]: [number, number, number]) => `test-firm/test-plant/${machines[m]}#${seq}`
  const expected = new Map(result.acked.map((a) => [key(a), a[2]]))
  const mine = (r: { value: TelemetryRecord }) => r.value.firm === 'test-firm' && r.value.ts > base && r.value.ts <= base + 24 * 3600_000
  const seen = new Set<string>()
  await consumeFrom<TelemetryRecord>(KAFKA_TOPICS.telemetry, from, {
    until: (rs) => {
      for (const r of rs.splice(0)) if (mine(r)) seen.add(`${r.key}#${r.value.seq}`)
      return [...expected.keys()].every((k) => seen.has(k))
    },
    timeoutMs,
    settleMs: 200,
  })
  return [...expected].filter(([k]) => !seen.has(k)).map(([k, ackMs]) => ({ id: k, ackMs }))
}

