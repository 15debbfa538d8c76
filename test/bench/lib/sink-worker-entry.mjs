// Worker threads do not inherit tsx's loader on Node 20: register it here, then load the sink.
import { register } from 'tsx/esm/api'

register()
await import('./sink-worker.ts')
