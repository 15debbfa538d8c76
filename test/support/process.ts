import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface ServiceProcess {
  readonly child: ChildProcess
  readonly output: string[]
  kill(signal: NodeJS.Signals): Promise<number | null>
}

/**
 * Runs a service's main.ts as its own process, the way deploy/local runs it. The servers' rollup
 * bucket is not inherited: a test's own bucket holds both tiers unless the test names a second.
 */
export function spawnService(mainTs: string, env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', mainTs], { cwd: ROOT, env: { ...process.env, INFLUX_ROLLUP_BUCKET: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const output: string[] = []
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString())
    if (output.length > 200) output.shift()
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))))
  return {
    child,
    output,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** Polls until `url` answers 200, or fails after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const ok = await fetch(url).then((r) => r.ok, () => false)
    if (ok) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`)
}

/** Runs deploy/local/servers.sh (restart a server in a fault test). */
export async function serversCommand(script: string, ...args: string[]): Promise<void> {
  const child = spawn('bash', [script, ...args], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] })
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`servers.sh ${args.join(' ')} exited ${code}`)
}
