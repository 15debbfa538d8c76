import { ILLUSTRATIVE_TOU_TARIFF, TWO_SHIFTS_SIX_DAYS, UTILITIES_LINE, incomers, lineMeter, machines } from '../build-helpers.ts'

const sewingB = {
  id: 'sewing-b',
  name: 'Sewing line B',
  process: 'garment',
  productFamily: 'down_garments',
  machines: [...machines('sb', 'sewingLockstitch', 6, 'Lockstitch'), ...machines('sbo', 'sewingOverlock', 4, 'Overlock')],
}

/** Gongqingcheng down garments: the plan's "共青城羽绒服装" regional brand (seed-action-plan.txt, 三(三)). */
export const gongqingchengDown = {
  id: 'lakeside-down',
  name: 'Lakeside Down Apparel Co. (demo, fictional)',
  plants: [
    {
      id: 'gongqingcheng',
      name: 'Gongqingcheng down garment plant',
      location: 'Gongqingcheng, Jiujiang, Jiangxi',
      cluster: '共青城',
      timeZone: 'Asia/Shanghai',
      lines: [
        { id: 'cutting', name: 'Cutting room', process: 'garment', productFamily: 'down_garments', machines: machines('cut', 'cutter', 2, 'Cutter') },
        { id: 'filling', name: 'Down filling room', process: 'garment', productFamily: 'down_garments', machines: machines('fill', 'downFiller', 8, 'Down filler') },
        { id: 'sewing-a', name: 'Sewing line A (sub-metered pilot)', process: 'garment', productFamily: 'down_garments', machines: machines('sa', 'sewingLockstitchMetered', 12, 'Lockstitch') },
        sewingB,
        UTILITIES_LINE,
      ],
      meters: [
        // 250 kVA supply for ~80 kW of machines, irons, lighting and extraction; small steam, water and gas mains (estimates).
        ...incomers({ electricity: 250, steam: 2, water: 10, gas: 20 }),
        lineMeter(sewingB, 'Sewing line B distribution board'),
      ],
      shiftCalendar: TWO_SHIFTS_SIX_DAYS,
      tariff: ILLUSTRATIVE_TOU_TARIFF,
    },
  ],
}
