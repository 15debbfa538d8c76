import { ILLUSTRATIVE_TOU_TARIFF, THREE_SHIFTS_CONTINUOUS, UTILITIES_LINE, hallSensor, incomers, lineMeter, machines } from '../build-helpers.ts'

const ringA = { id: 'ring-a', name: 'Ring spinning A (Ne 40 combed compact)', process: 'spinning', productFamily: 'cotton_yarn', machines: machines('rf-a', 'ringFrame40s', 12, 'Ring frame') }
const ringB = { id: 'ring-b', name: 'Ring spinning B (Ne 32 siro colour-blended)', process: 'spinning', productFamily: 'cotton_yarn', machines: machines('rf-b', 'ringFrame32s', 12, 'Ring frame') }

/** Fengxin differentiated yarn: the plan's "奉新差别化纱线" brand and its 色纺纱/赛络纱 products (二(二), 三(三)). */
export const fengxinYarn = {
  id: 'fengxin-yarn',
  name: 'Fengxin Differentiated Yarn Co. (demo, fictional)',
  plants: [
    {
      id: 'fengxin-1',
      name: 'Fengxin spinning mill no. 1',
      location: 'Fengxin County, Yichun, Jiangxi',
      cluster: '奉新',
      timeZone: 'Asia/Shanghai',
      lines: [
        { id: 'blowroom', name: 'Blowroom', process: 'spinning', productFamily: 'cotton_yarn', machines: machines('br', 'blowroom600', 1, 'Blowroom line') },
        { id: 'carding', name: 'Carding', process: 'spinning', productFamily: 'cotton_yarn', machines: machines('card', 'card90', 6, 'Card') },
        { id: 'drawing', name: 'Drawing (breaker and finisher)', process: 'spinning', productFamily: 'cotton_yarn', machines: machines('df', 'drawFrame', 4, 'Draw frame') },
        { id: 'combing', name: 'Combing (for ring A)', process: 'spinning', productFamily: 'cotton_yarn', machines: machines('cb', 'comber8', 3, 'Comber') },
        { id: 'roving', name: 'Roving', process: 'spinning', productFamily: 'cotton_yarn', machines: machines('rv', 'rovingFrame', 4, 'Roving frame') },
        ringA,
        ringB,
        { id: 'rotor', name: 'Rotor spinning', process: 'spinning', productFamily: 'cotton_yarn', machines: machines('oe', 'rotor480', 4, 'Rotor machine') },
        { id: 'winding', name: 'Winding', process: 'spinning', productFamily: 'cotton_yarn', machines: machines('wd', 'winder60', 4, 'Winder') },
        UTILITIES_LINE,
      ],
      meters: [
        // 4 MVA for ~1.6 MW of machines plus air conditioning and humidification (~0.5x installed); DN80 water main (estimates).
        ...incomers({ electricity: 4_000, water: 30 }),
        lineMeter(ringA, 'Ring hall A board (frames, suction, lighting)'),
        lineMeter(ringB, 'Ring hall B board (frames, suction, lighting)'),
      ],
      // Ring halls: humidity drives end breaks and the humidification plant's energy (issue 16).
      sensors: [hallSensor('hall-sensor-01', ringA, 'Ring hall A climate'), hallSensor('hall-sensor-02', ringB, 'Ring hall B climate')],
      shiftCalendar: THREE_SHIFTS_CONTINUOUS,
      tariff: ILLUSTRATIVE_TOU_TARIFF,
    },
  ],
}
