import { ILLUSTRATIVE_TOU_TARIFF, THREE_SHIFTS_CONTINUOUS, UTILITIES_LINE, incomers, lineMeter, machines } from '../build-helpers.ts'

const spinLine = (n: number) => ({
  id: `spin-${n}`,
  name: `Viscose staple spinning line ${n}`,
  process: 'fibre',
  productFamily: 'viscose_staple',
  machines: machines(`sp${n}`, 'viscoseSpinning', 6, 'Spinning machine'),
})
const spinLines = [spinLine(1), spinLine(2), spinLine(3)] as const

/** Jiujiang Lianxi cellulose fibre: the plan's "国内最大纤维素纤维产业基地" (二(三)). */
export const lianxiViscose = {
  id: 'lianxi-fibre',
  name: 'Lianxi Cellulose Fibre Co. (demo, fictional)',
  plants: [
    {
      id: 'lianxi-1',
      name: 'Lianxi viscose staple fibre plant',
      location: 'Lianxi District, Jiujiang, Jiangxi',
      cluster: '濂溪',
      timeZone: 'Asia/Shanghai',
      lines: [spinLines[0], spinLines[1], spinLines[2], UTILITIES_LINE],
      meters: [
        // A 35 kV substation of 45 MW: 18 machines of 320 kW plus viscose preparation and CS2
        // recovery (~5x the machines' draw); steam 250 t/h (~5.8 t per t of fibre at ~29 t/h), water
        // 1000 m3/h for the spin bath and washing; gas for the canteen and boilers' pilot (estimates,
        // docs/seeds.md; sized with the simulator's loads so no reading exceeds its supply).
        ...incomers({ electricity: 45_000, steam: 250, water: 1_000, gas: 20 }),
        lineMeter(spinLines[0], 'Spinning line 1 switchgear'),
        lineMeter(spinLines[1], 'Spinning line 2 switchgear'),
        lineMeter(spinLines[2], 'Spinning line 3 switchgear'),
      ],
      shiftCalendar: THREE_SHIFTS_CONTINUOUS,
      tariff: ILLUSTRATIVE_TOU_TARIFF,
    },
  ],
}
