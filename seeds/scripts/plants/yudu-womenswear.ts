import { GARMENT_DAY_SHIFT, ILLUSTRATIVE_TOU_TARIFF, UTILITIES_LINE, incomers, lineMeter, machines } from '../build-helpers.ts'

const sewingLine = (id: string, letter: string) => ({
  id,
  name: `Sewing line ${letter.toUpperCase()}`,
  process: 'garment',
  machines: [...machines(`s${letter}`, 'sewingLockstitch', 10, 'Lockstitch'), ...machines(`s${letter}o`, 'sewingOverlock', 4, 'Overlock')],
})

/** Yudu women's wear: the plan's "于都女装" regional brand (三(三)). Stations are sub-metered per line, not per station. */
export const yuduWomenswear = {
  id: 'yudu-fashion',
  name: "Yudu Women's Fashion Co. (demo, fictional)",
  plants: [
    {
      id: 'yudu-1',
      name: "Yudu women's wear factory",
      location: 'Yudu County, Ganzhou, Jiangxi',
      timeZone: 'Asia/Shanghai',
      lines: [
        { id: 'cutting', name: 'Cutting room', process: 'garment', machines: machines('cut', 'cutter', 2, 'Cutter') },
        sewingLine('sewing-a', 'a'),
        sewingLine('sewing-b', 'b'),
        sewingLine('sewing-c', 'c'),
        UTILITIES_LINE,
      ],
      meters: [
        ...incomers(['electricity', 'steam', 'water']),
        lineMeter('sewing-a', 'Sewing line A board'),
        lineMeter('sewing-b', 'Sewing line B board'),
        lineMeter('sewing-c', 'Sewing line C board'),
      ],
      shiftCalendar: GARMENT_DAY_SHIFT,
      tariff: ILLUSTRATIVE_TOU_TARIFF,
    },
  ],
}
