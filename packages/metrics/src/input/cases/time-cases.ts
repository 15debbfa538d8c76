import fc from 'fast-check'
import { WINDOW_UNITS } from '../../time/local-window.ts'
import { PLAN_KINDS } from '../../time/plan-segments.ts'
import { TIMELINE_STATES } from '../../timeline/machine-state.ts'
import { calendar, changes, instant, interval, intervals, num, plan, state, zone } from './arbitraries.ts'
import type { Cases } from './case.ts'

const windowUnit = fc.oneof({ arbitrary: fc.constantFrom(...WINDOW_UNITS), weight: 5 }, { arbitrary: fc.constant('fortnight'), weight: 1 })
const timeline = fc.record({ stalenessMs: num })
const stateSegmentList = fc.array(fc.tuple(interval, fc.constantFrom(...TIMELINE_STATES)).map(([i, s]) => ({ ...i, state: s })), { maxLength: 4 })
const wall = fc.record({ year: fc.oneof(num, fc.integer({ min: 1890, max: 10_010 })), month: fc.oneof(num, fc.integer({ min: 1, max: 12 })), day: fc.oneof(num, fc.integer({ min: 1, max: 31 })), hour: fc.option(num, { nil: undefined }), minute: fc.option(num, { nil: undefined }) })

/** Windows, shifts, plan and state timelines. */
export const timeCases: Cases = {
  durationMs: { args: fc.tuple(interval) },
  overlapMs: { args: fc.tuple(interval, interval) },
  intersect: { args: fc.tuple(interval, interval) },
  localParts: { args: fc.tuple(instant, zone) },
  localDateLabel: { args: fc.tuple(instant, zone) },
  formatRfc3339: { args: fc.tuple(instant, zone) },
  offsetMs: { args: fc.tuple(instant, zone) },
  zonedTimeToUtc: { args: fc.tuple(wall, zone) },
  localWindowStart: { args: fc.tuple(instant, windowUnit, zone) },
  localWindow: { args: fc.tuple(instant, windowUnit, zone) },
  localWindows: { args: fc.tuple(interval, windowUnit, zone) },
  shiftAt: { args: fc.tuple(instant, calendar, zone) },
  shiftInstances: { args: fc.tuple(interval, calendar, zone) },
  planSegments: { args: fc.tuple(interval, fc.option(calendar, { nil: undefined }), zone) },
  emptyStateDurations: { args: fc.constant([]) },
  canonicalChanges: { args: fc.tuple(changes) },
  stateSegments: { args: fc.tuple(changes, interval, timeline) },
  clipSegments: { args: fc.tuple(stateSegmentList, interval) },
  splitDurations: { args: fc.tuple(changes, interval, timeline) },
  splitDurationsByWindows: { args: fc.tuple(changes, intervals, timeline) },
  sumSegments: { args: fc.tuple(stateSegmentList) },
  stateEpisodes: { args: fc.tuple(changes, interval) },
  unknownEntries: { args: fc.tuple(changes, interval) },
  isPlannedNonRunning: { args: fc.tuple(fc.constantFrom('aptMs', 'adetMs', 'pdtMs')) },
  timeElementOf: { args: fc.tuple(state, fc.constantFrom(...PLAN_KINDS)) },
  elementSegments: { args: fc.record({ changes, window: interval, timeline, plan: fc.option(plan, { nil: undefined }) }).map((input) => [input]) },
}
