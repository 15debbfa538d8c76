import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'
import { TEST_PLANT_USER } from './ingest.ts'
import { mqttPassword, servers, uniqueName } from './servers.ts'
import { waitFor } from './sparkplug.ts'

const SCRIPT = fileURLToPath(new URL('../ingest/python/pysparkplug_node.py', import.meta.url))
const VENV_SCRIPT = fileURLToPath(new URL('../../deploy/local/lib/python-sparkplug.sh', import.meta.url))

export interface PyMetric {
  name: string
  type: 'STRING' | 'UINT64' | 'DOUBLE' | 'BOOLEAN'
  value: string | number | boolean
  timestamp?: number
}

/**
 * The pysparkplug edge node of test/ingest/python, in its own process: commands go in as JSON
 * lines, its events come back. The venv comes from deploy/local/lib/python-sparkplug.sh (the CI
 * bootstrap installs it; here it is only looked up, or made if missing).
 */
export function startPysparkplugNode(devices: Record<string, PyMetric[]>) {
  const python = execFileSync('bash', [VENV_SCRIPT], { encoding: 'utf8' }).trim()
  const url = new URL(servers().mqttUrl)
  const child: ChildProcessWithoutNullStreams = spawn(python, [SCRIPT], {
    env: {
      ...process.env,
      SPB_HOST: url.hostname, SPB_PORT: url.port || '1883', SPB_CLIENT_ID: uniqueName('pysparkplug'),
      SPB_USERNAME: TEST_PLANT_USER, SPB_PASSWORD: mqttPassword(TEST_PLANT_USER),
      SPB_GROUP: 'test-firm', SPB_EDGE_NODE: 'test-plant', SPB_DEVICES: JSON.stringify(devices),
    },
  })
  const events: string[] = []
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      events.push((JSON.parse(line) as { event: string }).event)
    } catch {
      stderr += line
    }
  })
  const count = (event: string) => events.filter((e) => e === event).length
  const until = (event: string, n: number) => waitFor(() => count(event) >= n || child.exitCode !== null, 30_000, `pysparkplug: ${event} x${n}`).then(() => {
    if (count(event) < n) throw new Error(`pysparkplug exited: ${stderr.slice(-2000)}`)
  })
  const send = (cmd: object) => child.stdin.write(`${JSON.stringify(cmd)}\n`)
  return {
    count,
    until,
    /** Sends a command and waits for the node to have done it. */
    async command(cmd: object): Promise<void> {
      const before = count('done')
      send(cmd)
      await until('done', before + 1)
    },
    async disconnect(): Promise<void> {
      send({ op: 'disconnect' })
      await until('disconnected', 1)
    },
    stop(): void {
      if (child.exitCode === null) child.kill('SIGKILL')
    },
  }
}
