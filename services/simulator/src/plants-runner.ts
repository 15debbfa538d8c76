import type { Clock } from './clock.ts'
import type { Sink } from './publish/sink.ts'
import type { Ledger } from './report/ledger.ts'
import type { PlantSimulation } from './sim/plant-simulation.ts'
import type { SimMessage } from './sim/sim-message.ts'

export interface PlantRunOptions {
  /** Every plant of the run, each with its own connection. */
  plants: readonly { sim: PlantSimulation; sink: Sink }[]
  ledger: Ledger
  clock: Clock
  signal: AbortSignal
  mode: 'realtime' | 'fast'
  fromMs: number
  /** Infinity: run until stopped (real-time mode without a duration). */
  toMs: number
  /** Real-time mode: simulated ms per wall ms. */
  speed: number
  /** Real-time mode: how often the clock is read; fast mode: how much simulated time per step. */
  stepMs: number
  /**
   * Real-time mode with a backfill: [fromMs, catchUpToMs) is published as fast as the sinks take
   * it, in steps of catchUpStepMs; the same simulations then run on in real time, so every
   * register continues from where the history left it, as a real device's does (issue 9).
   */
  catchUpToMs?: number
  catchUpStepMs?: number
}

/**
 * Drives every plant in step: fast mode (and a real-time backfill) generates the period step by
 * step as quickly as the sinks accept; real-time mode keeps the simulated clock at
 * from + (wall - start) x speed. No plant begins a step before every plant has handed over the one
 * before: plants share the aggregator's partitions, and a plant that ran hours ahead of a slower
 * one (a bigger plant, a slower connection) would make the slow plant's samples too late there
 * (the partition grace, docs/aggregator.md). Real gateways all publish at the same wall time.
 */
export async function runPlants(o: PlantRunOptions): Promise<void> {
  const publishEach = async (plant: PlantRunOptions['plants'][number], messages: SimMessage[]) => {
    for (const m of messages) {
      if (o.signal.aborted) return
      o.ledger.sent(m)
      await plant.sink.publish(m, (outcome) => o.ledger.settled(m, outcome))
    }
  }
  /** Every plant up to `toMs` (Infinity: what chaos still holds back); throws the first plant's failure once all have settled. */
  const step = async (toMs: number) => {
    const results = await Promise.allSettled(o.plants.map((p) => publishEach(p, toMs === Infinity ? p.sim.flush() : p.sim.advance(toMs))))
    const failed = results.find((r) => r.status === 'rejected')
    if (failed) throw (failed as PromiseRejectedResult).reason
  }
  if (o.mode === 'fast') {
    for (let t = o.fromMs; t <= o.toMs && !o.signal.aborted; t = t === o.toMs ? Infinity : Math.min(t + o.stepMs, o.toMs)) {
      await step(t)
    }
    // Chaos may hold messages past the end (late ones by hours): a finished period publishes them too.
    if (!o.signal.aborted) await step(Infinity)
    return
  }
  const wallStartMs = o.clock.now()
  const anchorMs = o.catchUpToMs ?? o.fromMs
  if (o.catchUpToMs !== undefined) {
    const stepMs = o.catchUpStepMs ?? 60_000
    for (let t = Math.min(o.fromMs + stepMs, o.catchUpToMs); !o.signal.aborted; t = Math.min(t + stepMs, o.catchUpToMs)) {
      await step(Math.min(t, o.toMs))
      if (t >= o.catchUpToMs || t >= o.toMs) break
    }
  }
  while (!o.signal.aborted) {
    const simNowMs = Math.min(o.toMs, anchorMs + Math.floor((o.clock.now() - wallStartMs) * o.speed))
    await step(simNowMs)
    if (simNowMs >= o.toMs) return
    await o.clock.sleep(o.stepMs, o.signal)
  }
}
