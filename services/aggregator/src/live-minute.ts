/** The live-minute record of `mill.machine-minute.v1` is the contract's; the engine builds it typed. */
export { liveMinuteSchema, type LiveMinute } from '@millstream/contract'
