import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const TICKS_PER_S = 100 // sysconf(_SC_CLK_TCK) on Linux x86_64

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S
  } catch {
    return 0
  }
}

/** Resident set size now and at its peak, in MiB. */
export function memoryMiB(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0)
    return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 }
  } catch {
    return { rss: 0, peak: 0 }
  }
}

/** Samples CPU and memory of a set of processes over a run. */
export function watchProcesses(pids: () => number[]) {
  const startCpu = new Map<number, number>()
  let peakRss = 0
  const sample = () => {
    let rss = 0
    for (const pid of pids()) {
      if (!startCpu.has(pid)) startCpu.set(pid, cpuSeconds(pid))
      rss += memoryMiB(pid).rss
    }
    peakRss = Math.max(peakRss, rss)
  }
  sample()
  const timer = setInterval(sample, 250)
  const began = performance.now()
  return {
    stop() {
      sample()
      clearInterval(timer)
      const wallS = (performance.now() - began) / 1000
      let cpuS = 0
      for (const [pid, start] of startCpu) cpuS += Math.max(0, cpuSeconds(pid) - start)
      return { cpuS, cpuCores: cpuS / wallS, peakRssMiB: peakRss }
    },
  }
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** The pid of a server deploy/local/servers.sh started (`mosquitto`, `kafka`, `influxdb`); 0 when it is not running. */
export function serverPid(server: string): number {
  try {
    return Number(readFileSync(join(ROOT, '.run', 'servers', server, 'pid'), 'utf8').trim())
  } catch {
    return 0
  }
}
