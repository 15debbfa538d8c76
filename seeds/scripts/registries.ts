import { ILLUSTRATIVE_TOU_TARIFF, THREE_SHIFTS_CONTINUOUS, UTILITIES_LINE, hallSensor, incomers, lineMeter, machines } from './build-helpers.ts'
import { deanFabricDyeing } from './plants/dean-fabric-dyeing.ts'
import { fengxinYarn } from './plants/fengxin-yarn.ts'
import { gongqingchengDown } from './plants/gongqingcheng-down.ts'
import { lianxiViscose } from './plants/lianxi-viscose.ts'
import { yuduWomenswear } from './plants/yudu-womenswear.ts'

/** The demo registry: five firms from the clusters the provincial plan names. */
export function buildDemoRegistry() {
  return { version: 1, firms: [gongqingchengDown, fengxinYarn, yuduWomenswear, lianxiViscose, deanFabricDyeing] }
}

/** The test registry: one plant with one machine of each behaviour the tests need, and all four incomers. */
export function buildTestRegistry() {
  const sewing = { id: 'sewing', name: 'Sewing', process: 'garment', machines: machines('sw', 'sewingLockstitch', 2, 'Lockstitch') }
  const spinning = { id: 'spinning', name: 'Spinning', process: 'spinning', machines: machines('rf', 'ringFrame40s', 1, 'Ring frame') }
  return {
    version: 1,
    firms: [
      {
        id: 'test-firm',
        name: 'Test Firm',
        plants: [
          {
            id: 'test-plant',
            name: 'Test plant',
            location: 'Test',
            timeZone: 'Asia/Shanghai',
            lines: [
              { id: 'weaving', name: 'Weaving', process: 'weaving', machines: machines('loom', 'airJetLoom', 2, 'Loom') },
              spinning,
              { id: 'dyeing', name: 'Dyeing', process: 'dyeing', machines: machines('jd', 'jetDyer500', 1, 'Jet dyer') },
              { id: 'finishing', name: 'Finishing', process: 'finishing', machines: machines('st', 'stenter8', 1, 'Stenter') },
              sewing,
              UTILITIES_LINE,
            ],
            meters: [...incomers({ electricity: 1_000, steam: 5, water: 50, gas: 200 }), lineMeter(sewing, 'Sewing board')],
            sensors: [hallSensor('hall-sensor-01', spinning, 'Spinning hall climate')],
            shiftCalendar: THREE_SHIFTS_CONTINUOUS,
            tariff: ILLUSTRATIVE_TOU_TARIFF,
          },
        ],
      },
    ],
  }
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}
