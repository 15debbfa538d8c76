// Options for the broker crash window of issue 17, measured: (1) a per-plant edge broker: a gateway
// publishes QoS 1 to its plant's own Mosquitto, which bridges to the shared broker with QoS 1 and its
// own persistence; (2) a broker that stores every queued message durably before going on: Mochi MQTT
// with its bbolt storage (test/bench/peers/mochi-durable, built on first use). Ingest's
// persistent session on the shared broker is offline (as during an ingest outage), so every
// message waits in a broker's queue. Reported for the direct path and the bridged one: the rate
// the gateway gets acknowledged, and the acknowledged messages lost when the shared broker, or the
// edge broker, is SIGKILLed right after the last acknowledgement. Each run starts its own brokers
// (ports MILLSTREAM_MQTT_PORT + 110 and + 111 by default). See docs/ingest.md.
// Usage: node --import tsx test/bench/broker-crash-window.ts [--messages N] [--payload-bytes N]
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import mqtt from 'mqtt'
import { publishQos1 } from './lib/qos1-publish.ts'

const { values } = parseArgs({ options: { messages: { type: 'string', default: '33333' }, 'payload-bytes': { type: 'string', default: '180' }, window: { type: 'string', default: '1000' } } })
const messages = Number(values.messages)
const payload = Buffer.alloc(Number(values['payload-bytes']), 'x')
const window = Number(values.window)
const sharedPort = Number(process.env.MILLSTREAM_BENCH_MQTT_PORT ?? Number(process.env.MILLSTREAM_MQTT_PORT ?? 18830) + 110)
const edgePort = sharedPort + 1
const url = (port: number) => `mqtt://127.0.0.1:${port}`

interface Broker {
  proc: ChildProcess
  dir: string
  port: number
  /** Mochi instead of Mosquitto. */
  mochi?: string
}

/** Both brokers save as this project's shared broker does (deploy/local/lib/mosquitto.sh): every 5 s. */
const PERSISTENCE = 'persistence true\nautosave_interval 5\nmax_queued_messages 0\nmax_inflight_messages 0'

/** The edge broker's bridge: the plant's topics out to the shared broker, QoS 1, a persistent session. */
const bridgeConf = () =>
  `connection shared\naddress 127.0.0.1:${sharedPort}\ntopic bench/# out 1\ncleansession false\nremote_clientid bench-edge-bridge\nrestart_timeout 1\nnotifications false\nbridge_protocol_version mqttv311`

async function startBroker(port: number, extra: string, existingDir?: string, mochi?: string): Promise<Broker> {
  const dir = existingDir ?? mkdtempSync(join(tmpdir(), 'millstream-edge-'))
  // Started as root, Mosquitto drops to its own user, which must be able to write the saves.
  chmodSync(dir, 0o777)
  if (!existingDir) writeFileSync(join(dir, 'mosquitto.conf'), `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence_location ${dir}/\n${PERSISTENCE}\n${extra}\n`)
  const proc = mochi
    ? spawn(mochi, ['-listen', `127.0.0.1:${port}`, '-db', join(dir, 'mochi.bolt')], { stdio: 'ignore' })
    : spawn('mosquitto', ['-c', join(dir, 'mosquitto.conf')], { stdio: 'ignore' })
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = mqtt.connect(url(port), { reconnectPeriod: 0, connectTimeout: 500 })
      c.on('connect', () => c.end(true, () => resolve(true)))
      c.on('error', () => c.end(true, () => resolve(false)))
    })
    if (ok) return mochi ? { proc, dir, port, mochi } : { proc, dir, port }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`mosquitto did not start on ${port}`)
}

const stop = async (b: Broker, signal: NodeJS.Signals): Promise<void> => {
  if (b.proc.exitCode !== null || b.proc.signalCode !== null) return
  const exited = new Promise((r) => b.proc.once('exit', r))
  b.proc.kill(signal)
  await exited
}
const restart = (b: Broker) => startBroker(b.port, '', b.dir, b.mochi)

const session = (port: number, clientId: string) => mqtt.connectAsync(url(port), { clientId, clean: false, protocolVersion: 5, properties: { sessionExpiryInterval: 3600 }, reconnectPeriod: 0 })

/** Ingest's persistent session on the shared broker, offline: the broker must queue for it. */
async function offlineIngestSession(): Promise<void> {
  const c = await session(sharedPort, 'bench-ingest')
  await c.subscribeAsync('bench/#', { qos: 1 })
  await c.endAsync()
}

/** Reconnects ingest's session and counts the messages it gets, until 4 s pass without one (the bridge reconnects within about a second). */
async function drainIngestSession(): Promise<number> {
  const c = await session(sharedPort, 'bench-ingest')
  const seen = new Set<string>()
  let last = performance.now()
  c.on('message', (_t, p) => {
    seen.add(p.subarray(0, 12).toString())
    last = performance.now()
  })
  while (performance.now() - last < 4000) await new Promise((r) => setTimeout(r, 250))
  await c.endAsync()
  return seen.size
}

/** Each message carries its number, so the drain counts distinct messages, not copies. */
const numbered = (i: number) => Buffer.concat([Buffer.from(String(i).padStart(12, '0')), payload.subarray(12)])
const publishAll = (port: number) => publishQos1(url(port), messages, numbered, window)

/** The shared broker with ingest's offline session saved to disk (graceful restart), so only messages are at stake. */
async function sharedWithSession(mochi?: string): Promise<Broker> {
  const first = await startBroker(sharedPort, '', undefined, mochi)
  await offlineIngestSession()
  await stop(first, 'SIGTERM')
  return restart(first)
}

type Result = { path: string; killed: string; ackedPerSecond: number; lost: number }

async function direct(mochi?: string): Promise<Result> {
  const shared = await sharedWithSession(mochi)
  const rate = await publishAll(sharedPort)
  await stop(shared, 'SIGKILL')
  const again = await restart(shared)
  const kept = await drainIngestSession()
  await stop(again, 'SIGTERM')
  rmSync(shared.dir, { recursive: true, force: true })
  return { path: mochi ? 'gateway -> Mochi MQTT (bbolt)' : 'gateway -> shared broker (Mosquitto)', killed: 'shared broker', ackedPerSecond: Math.round(rate), lost: messages - kept }
}

/** Through an edge broker; `kill` says which broker is SIGKILLed right after the gateway's last acknowledgement. */
async function bridged(kill: 'shared' | 'edge'): Promise<Result> {
  const shared = await sharedWithSession()
  const edge = await startBroker(edgePort, bridgeConf())
  const rate = await publishAll(edgePort)
  const victim = kill === 'shared' ? shared : edge
  await stop(victim, 'SIGKILL')
  const back = await restart(victim)
  // The bridge resends what the shared broker had not acknowledged; let it finish.
  const kept = await drainIngestSession()
  for (const b of kill === 'shared' ? [back, edge] : [shared, back]) await stop(b, 'SIGTERM')
  for (const b of [shared, edge]) rmSync(b.dir, { recursive: true, force: true })
  return { path: 'gateway -> edge broker -> bridge (QoS 1) -> shared broker', killed: `${kill} broker`, ackedPerSecond: Math.round(rate), lost: messages - kept }
}

const mochi = execFileSync('bash', [join(import.meta.dirname, 'peers/build-mochi.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim()
for (const run of [() => direct(), () => bridged('shared'), () => bridged('edge'), () => direct(mochi)]) {
  console.log(JSON.stringify({ messages, payloadBytes: payload.length, ...(await run()) }))
}
