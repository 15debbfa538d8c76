import { finiteDeep } from '../input/check-number.ts'
import { checkElements } from '../efficiency/check-elements.ts'
import { checkConfig, checkDigitalizationInputs } from './check-score-inputs.ts'
import { digitalizationConfigSchema } from './resolve-score-config.ts'
import type { EfficiencyElements } from '../efficiency/elements.ts'
import { composeScore, ratioEvaluation } from './compose-score.ts'
import { DEFAULT_DIGITALIZATION_CONFIG, type DigitalizationConfig } from './digitalization-config.ts'
import type { Evaluation, GateFailure, ScoreResult } from './score-model.ts'

export interface RatioInput {
  numerator: number
  denominator: number
}

/** The aggregates behind D1..D7 (domain.md §5.1), as numerator and denominator. */
export interface DigitalizationInputs {
  /** D1: machines with a valid message on ≥ 90 % of POT days / machines in the registry. */
  networking?: RatioInput
  /** D2: required signals reported / required signals of connected machines. */
  acquisition?: RatioInput
  /** D3: samples received / samples expected inside POT. */
  completeness?: RatioInput
  /** D4: samples ingested within the latency limit / samples. */
  timeliness?: RatioInput
  /** D5: kWh measured by machine and line sub-meters / kWh at the plant main meter. */
  subMetering?: RatioInput
  /** D6: non-running ms inside POT with a reason / non-running ms inside POT (stopAttributionInput). */
  stopAttribution?: RatioInput
  /** D7: ms inside PBT with a planned rate and order context / ms inside PBT. */
  kpiComputability?: RatioInput
}

const INPUTS: Record<string, [keyof DigitalizationInputs, string, string]> = {
  D1: ['networking', 'machinesConnected', 'machinesInRegistry'],
  D2: ['acquisition', 'signalsReported', 'signalsRequired'],
  D3: ['completeness', 'samplesReceived', 'samplesExpected'],
  D4: ['timeliness', 'samplesTimely', 'samples'],
  D5: ['subMetering', 'subMeteredKwh', 'mainMeterKwh'],
  D6: ['stopAttribution', 'reasonedNonRunningMs', 'nonRunningMs'],
  D7: ['kpiComputability', 'plannedRateMs', 'pbtMs'],
}

export type EvidenceBand = 'level_3' | 'level_2' | 'below_level_2'

export interface DigitalizationScore extends ScoreResult {
  /** Indicative telemetry evidence toward GB/T 39116 levels; null when insufficient data. */
  evidence: EvidenceBand | null
}

/** D6's ratio from summed efficiency elements. */
export function stopAttributionInput(e: EfficiencyElements): RatioInput {
  checkElements('elements', e)
  return { numerator: e.reasonedMs, denominator: e.asutMs + e.adetMs + e.adotMs + e.pdtMs }
}

/** Plant digitalization score, 0-100 (domain.md §5.1). */
export function digitalizationScore(inputs: DigitalizationInputs, config: DigitalizationConfig = DEFAULT_DIGITALIZATION_CONFIG): DigitalizationScore {
  checkConfig(config, DEFAULT_DIGITALIZATION_CONFIG, digitalizationConfigSchema)
  checkDigitalizationInputs(inputs)
  const evaluations: Record<string, Evaluation> = {}
  for (const c of config.components) {
    const mapping = INPUTS[c.id]
    evaluations[c.id] = mapping ? ratioEvaluation(inputs[mapping[0]], [mapping[1], mapping[2]]) : { unavailable: `no input for ${c.id}`, inputs: {} }
  }
  const failing: GateFailure[] = []
  const d1 = valueOf(evaluations.D1)
  // Written so that a NaN could never pass a gate, should one get past the input checks.
  if (!inputs.networking || !(inputs.networking.denominator > 0)) failing.push({ input: 'machinesInRegistry', value: inputs.networking?.denominator ?? null, required: '> 0' })
  else if (d1 === null || !(d1 >= config.minNetworkingRate)) failing.push({ input: 'D1', value: d1, required: `≥ ${config.minNetworkingRate}` })
  const result = composeScore({
    kind: 'digitalization',
    modelVersion: config.modelVersion,
    components: config.components,
    evaluations,
    failing,
    notes: ['An indicator from telemetry, not a GB/T 39116 maturity grade; level 4 and above need a manual assessment.'],
  })
  return finiteDeep('inputs', { ...result, evidence: result.status === 'ok' ? evidenceBand(evaluations, config) : null })
}

function evidenceBand(ev: Record<string, Evaluation>, config: DigitalizationConfig): EvidenceBand {
  const v = (id: string) => valueOf(ev[id]) ?? 0
  const { level2, level3 } = config.evidence
  const isLevel2 = v('D1') >= level2.D1 && v('D2') >= level2.D2
  if (isLevel2 && v('D1') >= level3.D1 && v('D6') >= level3.D6 && v('D7') >= level3.D7) return 'level_3'
  return isLevel2 ? 'level_2' : 'below_level_2'
}

function valueOf(ev: Evaluation | undefined): number | null {
  return ev && 'value' in ev ? ev.value : null
}
