import type { ComponentConfig } from './score-model.ts'

/**
 * Digitalization score D, model of domain.md §5.1. Every figure is a proposal (U): no official
 * formula for 设备联网率 or 数据采集率 and no per-level threshold was found (domain.md §6).
 */
export interface DigitalizationConfig {
  modelVersion: string
  components: ComponentConfig[]
  /** Gate: published only if the registry lists machines and D1 reaches this (domain.md §5.1). */
  minNetworkingRate: number
  /** Indicative telemetry-evidence bands (not GB/T 39116 grades). */
  evidence: { level2: { D1: number; D2: number }; level3: { D1: number; D6: number; D7: number } }
}

const U = 'unverified' as const
const MODEL = 'MillStream scoring proposal, docs/metrics.md §7'

export const DEFAULT_DIGITALIZATION_CONFIG: DigitalizationConfig = {
  modelVersion: 'digitalization-2026.1',
  components: [
    d('D1', '设备联网率 equipment networking rate', 0, 0.9, 0.25, 'headline policy indicator; textile average ≈ 49-50 % [S37][S38]; GB/T 23020 App. A [S36]'),
    d('D2', '数据采集率 data acquisition rate', 0, 1, 0.15, 'GB/T 23020 App. A automatic acquisition of monitoring data [S36]'),
    d('D3', 'data completeness', 0.5, 0.98, 0.15, 'completeness dimension of GB/T 36344 [S43]; gaps make OEE wrong'),
    d('D4', 'data timeliness', 0.5, 0.95, 0.1, 'timeliness dimension of GB/T 36344 [S43]; ISO 22400 KPI timing [S4]'),
    d('D5', 'machine-level energy metering share', 0, 0.8, 0.15, 'GB 17167 metering scope covers energy-using equipment [S42]; needed for E3'),
    d('D6', 'stop-reason attribution', 0, 0.9, 0.1, 'planned vs unplanned split is what makes availability meaningful [S4]'),
    d('D7', 'KPI computability (integration)', 0, 1, 0.1, 'PBT and PRU come from MES/ERP, not the machine [S1]; proxy for 集成级 [S34]'),
  ],
  minNetworkingRate: 0.1,
  evidence: { level2: { D1: 0.5, D2: 0.5 }, level3: { D1: 0.8, D6: 0.8, D7: 0.8 } },
}

function d(id: string, name: string, floor: number, target: number, weight: number, justification: string): ComponentConfig {
  return { id, name, floor, target, weight, redistributeTo: [], source: MODEL, status: U, justification }
}
