// What closing Mosquitto's crash window costs (issue 17): with ingest away, the broker queues every
// acknowledged message for ingest's offline persistent session, and writes its queue to disk only
// at each autosave. This starts its own Mosquitto per setting (port MILLSTREAM_MQTT_PORT + 100 by
// default), publishes QoS 1 messages into such a queue as fast as the broker acknowledges them,
// and reports acknowledged messages/s; then SIGKILLs the broker at once, restarts it on the same
// files and counts what the session still gets: the acknowledged messages lost. See docs/ingest.md.
// Usage: node --import tsx test/bench/mosquitto-autosave.ts [--messages N] [--payload-bytes N]
import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import mqtt from 'mqtt'
import { publishQos1 } from './lib/qos1-publish.ts'

const { values } = parseArgs({ options: { messages: { type: 'string', default: '40000' }, 'payload-bytes': { type: 'string', default: '180' }, window: { type: 'string', default: '1000' } } })
const messages = Number(values.messages)
const payload = Buffer.alloc(Number(values['payload-bytes']), 'x')
const window = Number(values.window)
const port = Number(process.env.MILLSTREAM_BENCH_MQTT_PORT ?? Number(process.env.MILLSTREAM_MQTT_PORT ?? 18830) + 100)

/** Settings compared: Mosquitto's default-style timer, the project's 5 s, and saves every N changes. */
const SETTINGS = [
  { name: 'autosave_interval 5 (s, project default)', conf: 'autosave_interval 5' },
  { name: 'autosave_interval 1 (s)', conf: 'autosave_interval 1' },
  { name: 'autosave_on_changes, every 10,000 changes', conf: 'autosave_on_changes true\nautosave_interval 10000' },
  { name: 'autosave_on_changes, every 1,000 changes', conf: 'autosave_on_changes true\nautosave_interval 1000' },
  { name: 'autosave_on_changes, every 100 changes', conf: 'autosave_on_changes true\nautosave_interval 100' },
]

async function startBroker(conf: string, existingDir?: string): Promise<{ proc: ChildProcess; dir: string }> {
  const dir = existingDir ?? mkdtempSync(join(tmpdir(), 'millstream-autosave-'))
  // Started as root, Mosquitto drops to its own user, which must be able to write the saves.
  chmodSync(dir, 0o777)
  if (!existingDir) writeFileSync(join(dir, 'mosquitto.conf'), `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence true\npersistence_location ${dir}/\nmax_queued_messages 0\nmax_inflight_messages 0\n${conf}\n`)
  const proc = spawn('mosquitto', ['-c', join(dir, 'mosquitto.conf')], { stdio: 'ignore' })
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = mqtt.connect(`mqtt://127.0.0.1:${port}`, { reconnectPeriod: 0, connectTimeout: 500 })
      c.on('connect', () => c.end(true, () => resolve(true)))
      c.on('error', () => c.end(true, () => resolve(false)))
    })
    if (ok) return { proc, dir }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`mosquitto did not start on ${port}`)
}

/** An offline persistent subscriber, as ingest is while it is away: the broker must queue for it. */
async function offlineSession(): Promise<void> {
  const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: 'bench-ingest', clean: false, protocolVersion: 5, properties: { sessionExpiryInterval: 3600 } })
  await c.subscribeAsync('bench/#', { qos: 1 })
  await c.endAsync()
}

/** Reconnects ingest's session and counts the queued messages the broker still has. */
async function drainSession(): Promise<number> {
  const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: 'bench-ingest', clean: false, protocolVersion: 5, properties: { sessionExpiryInterval: 3600 } })
  let received = 0
  let last = performance.now()
  c.on('message', () => {
    received++
    last = performance.now()
  })
  while (performance.now() - last < 1500) await new Promise((r) => setTimeout(r, 250))
  await c.endAsync()
  return received
}

const publishAll = () => publishQos1(`mqtt://127.0.0.1:${port}`, messages, () => payload, window)

const stop = async (proc: ChildProcess, signal: NodeJS.Signals): Promise<void> => {
  const exited = new Promise((r) => proc.once('exit', r))
  proc.kill(signal)
  await exited
}

for (const setting of SETTINGS) {
  const first = await startBroker(setting.conf)
  await offlineSession()
  // Restart gracefully so the session itself is on disk: only the messages are at stake.
  await stop(first.proc, 'SIGTERM')
  const broker = await startBroker(setting.conf, first.dir)
  const rate = await publishAll()
  await stop(broker.proc, 'SIGKILL')
  const dbBytes = readdirSync(first.dir).filter((f) => f.endsWith('.db')).reduce((n, f) => n + statSync(join(first.dir, f)).size, 0)
  const again = await startBroker(setting.conf, first.dir)
  const kept = await drainSession()
  await stop(again.proc, 'SIGTERM')
  rmSync(first.dir, { recursive: true, force: true })
  console.log(JSON.stringify({ setting: setting.name, messages, payloadBytes: payload.length, ackedPerSecond: Math.round(rate), lostOnSigkill: messages - kept, persistenceFileBytes: dbBytes }))
}
