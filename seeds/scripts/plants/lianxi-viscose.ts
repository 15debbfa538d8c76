import { ILLUSTRATIVE_TOU_TARIFF, THREE_SHIFTS_CONTINUOUS, UTILITIES_LINE, incomers, lineMeter, machines } from '../build-helpers.ts'

const spinLine = (n: number) => ({
  id: `spin-${n}`,
  name: `Viscose staple spinning line ${n}`,
  process: 'fibre',
  machines: machines(`sp${n}`, 'viscoseSpinning', 6, 'Spinning machine'),
})

/** Jiujiang Lianxi cellulose fibre: the plan's "国内最大纤维素纤维产业基地" (二(三)). */
export const lianxiViscose = {
  id: 'lianxi-fibre',
  name: 'Lianxi Cellulose Fibre Co. (demo, fictional)',
  plants: [
    {
      id: 'lianxi-1',
      name: 'Lianxi viscose staple fibre plant',
      location: 'Lianxi District, Jiujiang, Jiangxi',
      timeZone: 'Asia/Shanghai',
      lines: [spinLine(1), spinLine(2), spinLine(3), UTILITIES_LINE],
      meters: [
        ...incomers(['electricity', 'steam', 'water', 'gas']),
        lineMeter('spin-1', 'Spinning line 1 switchgear'),
        lineMeter('spin-2', 'Spinning line 2 switchgear'),
        lineMeter('spin-3', 'Spinning line 3 switchgear'),
      ],
      shiftCalendar: THREE_SHIFTS_CONTINUOUS,
      tariff: ILLUSTRATIVE_TOU_TARIFF,
    },
  ],
}
