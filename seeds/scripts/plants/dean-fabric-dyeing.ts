import { ILLUSTRATIVE_TOU_TARIFF, THREE_SHIFTS_CONTINUOUS, UTILITIES_LINE, incomers, lineMeter, machines } from '../build-helpers.ts'

/** De'an fabric, knitting and dyeing: the plan's cotton-chain county and its dyeing "bottleneck" (二(二), 三(二)). */
export const deanFabricDyeing = {
  id: 'dean-textile',
  name: "De'an Fabric and Dyeing Co. (demo, fictional)",
  plants: [
    {
      id: 'dean-1',
      name: "De'an weaving, knitting and dyeing mill",
      location: "De'an County, Jiujiang, Jiangxi",
      timeZone: 'Asia/Shanghai',
      lines: [
        { id: 'weaving-airjet', name: 'Air-jet weaving shed', process: 'weaving', machines: machines('aj', 'airJetLoom', 16, 'Air-jet loom') },
        { id: 'weaving-rapier', name: 'Rapier weaving shed', process: 'weaving', machines: machines('rp', 'rapierLoom', 8, 'Rapier loom') },
        { id: 'knitting', name: 'Circular knitting', process: 'knitting', machines: machines('ck', 'circularKnit30', 10, 'Circular knitter') },
        { id: 'dyeing', name: 'Jet dyeing', process: 'dyeing', machines: machines('jd', 'jetDyer500', 8, 'Jet dyer') },
        { id: 'finishing', name: 'Finishing', process: 'finishing', machines: machines('st', 'stenter8', 2, 'Stenter') },
        UTILITIES_LINE,
      ],
      meters: [
        ...incomers(['electricity', 'steam', 'water', 'gas']),
        lineMeter('weaving-airjet', 'Air-jet shed board (looms only; compressors on utilities)'),
        lineMeter('dyeing', 'Dye house steam header', 'steam'),
      ],
      shiftCalendar: THREE_SHIFTS_CONTINUOUS,
      tariff: ILLUSTRATIVE_TOU_TARIFF,
    },
  ],
}
