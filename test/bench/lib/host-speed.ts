import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { percentiles } from './percentiles.ts'

const PROBE = fileURLToPath(new URL('./host-speed-probe.mjs', import.meta.url))

/**
 * How fast the host ran while a benchmark did: the CPU time of a fixed piece of work (20,000
 * JSON.parse calls of a 150-byte sample, about 23 ms on this page's box when it is quick), in a
 * child process, once every `everyMs`. On a shared virtual machine the same work has taken
 * anywhere from 23 to 45 ms for seconds at a time, on either vCPU, with nothing else running: a
 * run's CPU per sample moves with it, and its figure is only comparable to runs at the same speed.
 */
export interface HostSpeed {
  readings: number
  /** CPU milliseconds of the probe's work: median, fastest and slowest reading. */
  medianMs: number
  minMs: number
  maxMs: number
}

/** Starts the probe (2-5 % of a core at one reading a second: 21-45 ms of work); `stop()` ends it and sums up. */
export function watchHostSpeed(everyMs = 1_000): { readonly readings: number; stop(): HostSpeed } {
  const child = spawn(process.execPath, [PROBE, String(everyMs)], { stdio: ['ignore', 'pipe', 'ignore'] })
  // A run that throws before stop() still exits; the probe then ends at its next reading.
  child.unref()
  const readings: number[] = []
  let rest = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n')
    rest = lines.pop() ?? ''
    for (const line of lines) if (line.trim() !== '') readings.push(Number(line))
  })
  return {
    get readings() {
      return readings.length
    },
    stop() {
      child.kill()
      return summarize(readings)
    },
  }
}

/** The probe's work `count` times back to back, on a quiet host before a run: the speed it starts at. */
export async function probeHostSpeed(count = 5): Promise<HostSpeed> {
  const child = spawn(process.execPath, [PROBE, '0', String(count)], { stdio: ['ignore', 'pipe', 'ignore'] })
  let out = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => (out += chunk))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  if (code !== 0) throw new Error(`host speed probe exited with ${code}`)
  return summarize(out.split('\n').filter((l) => l.trim() !== '').map(Number))
}

function summarize(readings: number[]): HostSpeed {
  const [median, min, max] = percentiles(readings, [50, 0, 100]) as [number, number, number]
  return { readings: readings.length, medianMs: median, minMs: min, maxMs: max }
}
