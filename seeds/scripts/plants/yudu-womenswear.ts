import { GARMENT_DAY_SHIFT, ILLUSTRATIVE_TOU_TARIFF, UTILITIES_LINE, incomers, lineMeter, machines } from '../build-helpers.ts'

const sewingLine = (id: string, letter: string) => ({
  id,
  name: `Sewing line ${letter.toUpperCase()}`,
  process: 'garment',
  productFamily: 'womenswear',
  machines: [...machines(`s${letter}`, 'sewingLockstitch', 10, 'Lockstitch'), ...machines(`s${letter}o`, 'sewingOverlock', 4, 'Overlock')],
})
const sewingLines = { a: sewingLine('sewing-a', 'a'), b: sewingLine('sewing-b', 'b'), c: sewingLine('sewing-c', 'c') }

/** Yudu women's wear: the plan's "于都女装" regional brand (三(三)). Stations are sub-metered per line, not per station. */
export const yuduWomenswear = {
  id: 'yudu-fashion',
  name: "Yudu Women's Fashion Co. (demo, fictional)",
  plants: [
    {
      id: 'yudu-1',
      name: "Yudu women's wear factory",
      location: 'Yudu County, Ganzhou, Jiangxi',
      cluster: '于都',
      timeZone: 'Asia/Shanghai',
      lines: [
        { id: 'cutting', name: 'Cutting room', process: 'garment', productFamily: 'womenswear', machines: machines('cut', 'cutter', 2, 'Cutter') },
        sewingLines.a,
        sewingLines.b,
        sewingLines.c,
        UTILITIES_LINE,
      ],
      meters: [
        // 250 kVA supply for ~70 kW of machines, irons, lighting and extraction; a small steam
        // main for the irons, a DN50 water main (estimates).
        ...incomers({ electricity: 250, steam: 2, water: 10 }),
        lineMeter(sewingLines.a, 'Sewing line A board'),
        lineMeter(sewingLines.b, 'Sewing line B board'),
        lineMeter(sewingLines.c, 'Sewing line C board'),
      ],
      shiftCalendar: GARMENT_DAY_SHIFT,
      tariff: ILLUSTRATIVE_TOU_TARIFF,
    },
  ],
}
