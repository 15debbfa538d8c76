import { ILLUSTRATIVE_TOU_TARIFF, THREE_SHIFTS_CONTINUOUS, UTILITIES_LINE, incomers, lineMeter, machines } from '../build-helpers.ts'

const airJet = { id: 'weaving-airjet', name: 'Air-jet weaving shed', process: 'weaving', productFamily: 'woven_grey_fabric', machines: machines('aj', 'airJetLoom', 16, 'Air-jet loom') }
const dyeing = { id: 'dyeing', name: 'Jet dyeing', process: 'dyeing', productFamily: 'dyeing_knit', machines: machines('jd', 'jetDyer500', 8, 'Jet dyer') }

/**
 * Product families (issue 12): the jet dyers and the knit-finishing stenters (catalog.ts) make a knit
 * dye house, `dyeing_knit`. The woven-fabric row of 印染行业规范条件 (per 100 m) does not apply: the
 * plant has no pretreatment or continuous ranges, and by the catalog's figures its stenters' metres would put it
 * well under the 30 kgce/100 m ceiling, a figure no dyer would believe. The knit-fabric quota (per t) was not found,
 * so the family has no E1 (docs/scores.md §2.1).
 */
/** De'an fabric, knitting and dyeing: the plan's cotton-chain county and its dyeing "bottleneck" (二(二), 三(二)). */
export const deanFabricDyeing = {
  id: 'dean-textile',
  name: "De'an Fabric and Dyeing Co. (demo, fictional)",
  plants: [
    {
      id: 'dean-1',
      name: "De'an weaving, knitting and dyeing mill",
      location: "De'an County, Jiujiang, Jiangxi",
      cluster: '德安',
      timeZone: 'Asia/Shanghai',
      lines: [
        airJet,
        { id: 'weaving-rapier', name: 'Rapier weaving shed', process: 'weaving', productFamily: 'woven_grey_fabric', machines: machines('rp', 'rapierLoom', 8, 'Rapier loom') },
        { id: 'knitting', name: 'Circular knitting', process: 'knitting', productFamily: 'knitted_fabric', machines: machines('ck', 'circularKnit30', 10, 'Circular knitter') },
        dyeing,
        { id: 'finishing', name: 'Finishing', process: 'finishing', productFamily: 'dyeing_knit', machines: machines('st', 'stenter8', 2, 'Stenter') },
        UTILITIES_LINE,
      ],
      meters: [
        // 2 MVA for ~0.9 MW of machines plus compressors and effluent treatment; a 5 t/h steam
        // supply, a DN100 water main and the stenters' gas train (estimates).
        ...incomers({ electricity: 2_000, steam: 5, water: 120, gas: 200 }),
        lineMeter(airJet, 'Air-jet shed board (looms only; compressors on utilities)'),
        lineMeter(dyeing, 'Dye house steam header', 'steam'),
      ],
      shiftCalendar: THREE_SHIFTS_CONTINUOUS,
      tariff: ILLUSTRATIVE_TOU_TARIFF,
    },
  ],
}
