import type { Clock } from './clock.ts'
import type { Sink } from './publish/sink.ts'
import type { Ledger } from './report/ledger.ts'
import type { PlantSimulation } from './sim/plant-simulation.ts'
import type { SimMessage } from './sim/sim-message.ts'

export interface PlantRunOptions {
  sim: PlantSimulation
  sink: Sink
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
   * Real-time mode with a backfill: [fromMs, catchUpToMs) is published as fast as the sink takes
   * it, in steps of catchUpStepMs; the same simulation then runs on in real time, so every
   * register continues from where the history left it, as a real device's does (issue 9).
   */
  catchUpToMs?: number
  catchUpStepMs?: number
}

/**
 * Drives one plant: fast mode generates the period step by step as quickly as the sink accepts;
 * real-time mode keeps the simulated clock at from + (wall - start) x speed.
 */
export async function runPlant(o: PlantRunOptions): Promise<void> {
  const publishAll = async (toMs: number) => publishEach(toMs === Infinity ? o.sim.flush() : o.sim.advance(toMs))
  const publishEach = async (messages: SimMessage[]) => {
    for (const m of messages) {
      if (o.signal.aborted) return
      o.ledger.sent(m)
      await o.sink.publish(m, (outcome) => o.ledger.settled(m, outcome))
    }
  }
  if (o.mode === 'fast') {
    for (let t = o.fromMs; t <= o.toMs && !o.signal.aborted; t = t === o.toMs ? Infinity : Math.min(t + o.stepMs, o.toMs)) {
      await publishAll(t)
    }
    // Chaos may hold messages past the end (late ones by hours): a finished period publishes them too.
    if (!o.signal.aborted) await publishAll(Infinity)
    return
  }
  const wallStartMs = o.clock.now()
  const anchorMs = o.catchUpToMs ?? o.fromMs
  if (o.catchUpToMs !== undefined) {
    const stepMs = o.catchUpStepMs ?? 60_000
    for (let t = Math.min(o.fromMs + stepMs, o.catchUpToMs); !o.signal.aborted; t = Math.min(t + stepMs, o.catchUpToMs)) {
      await publishAll(Math.min(t, o.toMs))
      if (t >= o.catchUpToMs || t >= o.toMs) break
    }
  }
  while (!o.signal.aborted) {
    const simNowMs = Math.min(o.toMs, anchorMs + Math.floor((o.clock.now() - wallStartMs) * o.speed))
    await publishAll(simNowMs)
    if (simNowMs >= o.toMs) return
    await o.clock.sleep(o.stepMs, o.signal)
  }
}
