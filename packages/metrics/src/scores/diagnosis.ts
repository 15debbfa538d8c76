import { finite, nonNegative, share } from '../input/check-number.ts'
import type { ScoreResult } from './score-model.ts'

/** What a component's shortfall concerns: the machines or meters to name in the sentence. */
export interface ShortfallSubject {
  /** e.g. "12 unconnected looms of line 2" / "第2线的12台未联网织机". */
  en: string
  zh: string
}

export interface DiagnosisItem {
  scoreKind: ScoreResult['kind']
  component: string
  /** Points the score would gain were the component at its target: 100 × weight × (1 − s). */
  gainPoints: number
  en: string
  zh: string
}

/** Sentences per component id: {subject} is filled from the subjects, {gain} with the points. */
const ACTIONS: Record<string, { en: string; zh: string }> = {
  D1: { en: 'connect the {subject}', zh: '接入{subject}' },
  D2: { en: 'report the missing signals of the {subject}', zh: '补齐{subject}的缺失信号' },
  D3: { en: 'close the data gaps of the {subject}', zh: '消除{subject}的数据缺失' },
  D4: { en: 'deliver the data of the {subject} on time', zh: '按时上送{subject}的数据' },
  D5: { en: 'sub-meter the {subject}', zh: '为{subject}加装分项计量' },
  D6: { en: 'record stop reasons on the {subject}', zh: '为{subject}记录停机原因' },
  D7: { en: 'plan rates and orders for the {subject}', zh: '为{subject}维护计划产能和订单' },
  E1: { en: 'lower energy per unit of output of the {subject}', zh: '降低{subject}的单位产品能耗' },
  E2: { en: 'improve on the energy baseline of the {subject}', zh: '相对基线改进{subject}的能效' },
  E3: { en: 'cut idle and off-shift energy of the {subject}', zh: '减少{subject}的空转和非班次能耗' },
  E4: { en: 'shift load of the {subject} out of peak hours', zh: '将{subject}的负荷移出峰时段' },
}

/**
 * Per plant, the scored components furthest from target, ranked by the points they would add
 * (ties by id, so the order is stable). A score without data has nothing to rank.
 */
export function diagnose(results: readonly ScoreResult[], subjects: Readonly<Record<string, ShortfallSubject>>, limit = 5): DiagnosisItem[] {
  nonNegative('limit', limit)
  const items: DiagnosisItem[] = []
  for (const r of results) {
    if (r.status !== 'ok') continue
    for (const c of r.components) {
      if (c.state !== 'scored' || c.subScore === null) continue
      share(`${c.id}.weight`, c.weight)
      share(`${c.id}.subScore`, finite(`${c.id}.subScore`, c.subScore))
      const gainPoints = Math.round(100 * c.weight * (1 - c.subScore) * 10) / 10
      if (gainPoints <= 0) continue
      const subject = subjects[c.id] ?? { en: 'plant', zh: '全厂' }
      const action = ACTIONS[c.id] ?? { en: `raise ${c.name} of the {subject}`, zh: `提升{subject}的${c.name}` }
      items.push({
        scoreKind: r.kind,
        component: c.id,
        gainPoints,
        en: `${action.en.replace('{subject}', subject.en)}, +${gainPoints} points`,
        zh: `${action.zh.replace('{subject}', subject.zh)}，可加${gainPoints}分`,
      })
    }
  }
  return items.sort((a, b) => b.gainPoints - a.gainPoints || a.component.localeCompare(b.component)).slice(0, limit)
}
