import type { ApiAnswer } from './api-client.ts'
import type { PlantDetail } from './data-completeness.ts'
import { MEDIA, t, type Cell, type Medium, type Section } from './report-document.ts'

/** energy/uploads values: 15-minute slots with data against the slots expected (GB/T 37947). */
export interface UploadValues {
  media: string
  slotsWithData: number
  slotsExpected: number
  completeness: number | null
  meetsRule: boolean
}

/** Each registry meter's 15-minute upload completeness as the API counts it, against the 90 % rule. */
export function uploadsSection(uploads: ApiAnswer<UploadValues>, plant: PlantDetail): Section {
  const names = new Map(plant.meters.map((m) => [m.id, m.name]))
  const rows: Cell[][] = uploads.rows.filter((r) => r.group.kind === 'meter').map((r) => [
    `${names.get(r.group.device ?? '') ?? ''} (${r.group.device})`, MEDIA[r.values.media as Medium]?.label ?? r.values.media,
    r.values.slotsWithData, r.values.slotsExpected, r.values.completeness, r.values.meetsRule ? t('合格', 'pass') : t('不合格', 'FAIL'),
  ])
  return {
    id: 'uploads', title: t('四、15 分钟上传完整率（分计量表）', '4. 15-minute upload completeness by meter'),
    columns: [{ label: t('计量表', 'Meter') }, { label: t('介质', 'Medium') }, { label: t('有数据时段', 'Slots with data'), digits: 0 }, { label: t('应上传时段', 'Slots expected'), digits: 0 }, { label: t('完整率', 'Completeness'), percent: true }, { label: t('≥ 90 %', '≥ 90 %') }],
    rows,
    notes: [t('时段按 15 分钟划分（与当地整刻钟对齐）；某时段收到该表任一数据即计为已上传。', 'Slots are the quarter hours of the period; a slot counts as uploaded when any data of the meter arrived in it.')],
  }
}
