/**
 * Reconciles a simulator run with a telemetry topic: reads the topic's records (JSON, one a line)
 * on stdin, and for every device of the report finds which acknowledged seqs (docs/simulator.md,
 * `ackedSeqs`) are absent. Copies (same device, boot and seq) are counted, not treated as loss:
 * ingest is at-least-once into Kafka and the aggregator drops them.
 *
 *   kcat -C -b "$KAFKA_BROKERS" -t TOPIC -e -q -f '%s\n' | node --import tsx test/faults/acked-in-kafka.ts REPORT.json
 */
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import type { SimulationReport } from '@millstream/simulator'

const report = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as SimulationReport
const seen = new Map<string, Set<number>>()
let records = 0, copies = 0, unparsed = 0
for await (const line of createInterface({ input: process.stdin })) {
  if (!line) continue
  let r: { firm: string; plant: string; line: string; device: string; boot?: string | number; seq?: number }
  try { r = JSON.parse(line) as typeof r } catch { unparsed++; continue }
  records++
  if (r.seq === undefined) continue
  const device = `${r.firm}/${r.plant}/${r.line}/${r.device}`
  const key = `${device} ${String(r.boot ?? '')}`
  const seqs = seen.get(key) ?? new Set<number>()
  if (seqs.has(r.seq)) copies++
  seqs.add(r.seq)
  seen.set(key, seqs)
}
// The simulator keeps one boot per device for a run without controller restarts; a device's seqs
// are looked up across the boots seen, so a restart injected by chaos would not hide a loss.
const seqsOf = (device: string) => [...seen].filter(([k]) => k.startsWith(`${device} `)).map(([, s]) => s)
let acked = 0, missing = 0
const missingByDevice: Record<string, number> = {}
for (const [device, d] of Object.entries(report.devices)) {
  const sets = seqsOf(device)
  for (const [from, to] of d.ackedSeqs) {
    for (let seq = from; seq <= to; seq++) {
      acked++
      if (!sets.some((s) => s.has(seq))) { missing++; missingByDevice[device] = (missingByDevice[device] ?? 0) + 1 }
    }
  }
}
console.log(JSON.stringify({ reportAcked: report.totals.acked, ackedSeqs: acked, records, copies, unparsed, missing, devicesWithMissing: Object.keys(missingByDevice).length, missingByDevice }))
