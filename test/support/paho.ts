import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { mqttPassword, servers, uniqueName } from './servers.ts'

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
