import { nonNegative } from '../input/check-number.ts'

/**
 * MIIT-aligned evidence (中小企业数字化水平评测指标, 2024 edition; transcription in
 * ../shared/reference/scores-and-views.md §1.1, status secondary): the few items of the 100-point
 * index that machine telemetry can evidence. It never yields an official MIIT level: telemetry
 * evidences at most about 16-23 of the 100 points (docs/scores.md §3).
 */

/** 生产设备联网率 and 生产设备数字化率 bands: upper bound of the share (inclusive) and its points. */
export const MIIT_EQUIPMENT_BANDS = [
  { upTo: 0.1, points: 0, label: '[0, 10 %]' },
  { upTo: 0.2, points: 1.5, label: '(10, 20 %]' },
  { upTo: 0.4, points: 3, label: '(20, 40 %]' },
  { upTo: 0.6, points: 4.5, label: '(40, 60 %]' },
  { upTo: 1, points: 6, label: '(60, 100 %]' },
] as const

/** 数据采集: 0.7 points per business link with automatic collection (人力资源 0.9, not evidenced here). */
export const MIIT_POINTS_PER_LINK = 0.7
/** Business links telemetry can evidence (4 of MIIT's 14). */
export const MIIT_LINKS = ['production_control', 'equipment_management', 'energy_management', 'quality_management'] as const
export type MiitLink = (typeof MIIT_LINKS)[number]

export interface MiitInputs {
  machinesRegistered: number
  /** Machines with valid telemetry in the period. */
  machinesConnected: number
  /** Machines with a digital interface (registry); a connected machine counts as digital. */
  machinesDigital: number
  /** Links evidenced by live channels in the period. */
  links: Readonly<Record<MiitLink, boolean>>
  /** 设备管理 L3: key running parameters in real time and OEE computed. */
  oeeComputed: boolean
  /** 能耗管理 L3: real-time electricity, water, gas where used, and per-machine energy. */
  realtimeMedia: { electricity: boolean; water: boolean | null; gas: boolean | null }
  perMachineEnergy: boolean
}

export interface MiitIndicator {
  value: number | null
  band: string | null
  points: number
  maxPoints: number
}

export interface MiitEvidence {
  equipmentNetworkingRate: MiitIndicator
  equipmentDigitalRate: MiitIndicator
  dataCollectionLinks: { links: MiitLink[]; points: number; maxPoints: number }
  /** Evidenced scenario levels (0-3), not MIIT's assessed levels. */
  sceneEvidence: { equipmentManagement: 0 | 1 | 2 | 3; energyManagement: 0 | 1 | 2 | 3 }
  /** Points evidenced out of the 100-point index; the remainder needs a manual assessment. */
  evidencedPoints: number
  evidencedMaxPoints: number
  officialLevel: null
}

/** MIIT band and points of a share in [0, 1]; null without registered equipment. */
export function miitEquipmentIndicator(numerator: number, denominator: number): MiitIndicator {
  nonNegative('numerator', numerator)
  nonNegative('denominator', denominator)
  if (!(denominator > 0)) return { value: null, band: null, points: 0, maxPoints: 6 }
  const value = Math.min(1, Math.max(0, numerator / denominator))
  const band = MIIT_EQUIPMENT_BANDS.find((b) => value <= b.upTo) ?? MIIT_EQUIPMENT_BANDS[4]
  return { value, band: band.label, points: band.points, maxPoints: 6 }
}

export function miitEvidence(inputs: MiitInputs): MiitEvidence {
  nonNegative('machinesRegistered', inputs.machinesRegistered)
  nonNegative('machinesConnected', inputs.machinesConnected)
  nonNegative('machinesDigital', inputs.machinesDigital)
  const networking = miitEquipmentIndicator(inputs.machinesConnected, inputs.machinesRegistered)
  const digital = miitEquipmentIndicator(Math.max(inputs.machinesDigital, inputs.machinesConnected), inputs.machinesRegistered)
  const links = MIIT_LINKS.filter((l) => inputs.links[l])
  const linkPoints = Math.round(links.length * MIIT_POINTS_PER_LINK * 10) / 10
  const anyConnected = inputs.machinesConnected > 0
  const equipment = !anyConnected ? 0 : inputs.oeeComputed && inputs.links.equipment_management ? 3 : inputs.links.equipment_management ? 2 : 1
  const media = inputs.realtimeMedia
  const allMedia = media.electricity && media.water !== false && media.gas !== false
  const energy = !media.electricity ? 0 : allMedia && inputs.perMachineEnergy ? 3 : inputs.perMachineEnergy || allMedia ? 2 : 1
  return {
    equipmentNetworkingRate: networking,
    equipmentDigitalRate: digital,
    dataCollectionLinks: { links, points: linkPoints, maxPoints: MIIT_LINKS.length * MIIT_POINTS_PER_LINK },
    sceneEvidence: { equipmentManagement: equipment, energyManagement: energy },
    evidencedPoints: networking.points + digital.points + linkPoints,
    evidencedMaxPoints: 12 + MIIT_LINKS.length * MIIT_POINTS_PER_LINK,
    officialLevel: null,
  }
}
