// A fixed piece of work, timed in this process's own CPU time, again and again: how fast a
// CPU-second of the host is right now. Plain JavaScript, so it starts without a loader.
// argv: interval in ms (0: run `count` times back to back and exit), count.
import { setInterval } from 'node:timers'

const everyMs = Number(process.argv[2] ?? 2000)
const count = Number(process.argv[3] ?? 0)
const text = JSON.stringify({ v: 1, firm: 'f', plant: 'p', machine: 'loom-0001', channel: 'electricity', ts: 1764806400000, seq: 12, value: { kwh: 12345.678, kw: 3.2 } })

function work() {
  let s = 0
  for (let i = 0; i < 20_000; i++) {
    const o = JSON.parse(text)
    s += o.seq + ((o.value.kwh * i) % 7)
  }
  return s
}

function timed() {
  const before = process.cpuUsage()
  work()
  const used = process.cpuUsage(before)
  return (used.user + used.system) / 1000
}

// The benchmark that started it is gone (its end of the pipe closed): so is the probe.
process.stdout.on('error', () => process.exit(0))
for (let i = 0; i < 20; i++) work() // the compiler's warm-up is not the host's speed
if (everyMs === 0) {
  for (let i = 0; i < count; i++) console.log(timed().toFixed(2))
} else {
  setInterval(() => console.log(timed().toFixed(2)), everyMs)
}
