// One share of the load generator on its own event loop (see load-threads.ts).
import { parentPort, workerData } from 'node:worker_threads'
import { runLoad, type LoadOptions } from './load.ts'

const result = await runLoad(workerData as LoadOptions)
parentPort?.postMessage(result)
