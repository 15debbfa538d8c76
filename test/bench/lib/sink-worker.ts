// Runs the Kafka sink on its own event loop so that the load generator's work does not show up
// as delivery latency. Protocol: { stats } -> { count }, { stop } -> full stats.
import { parentPort, workerData } from 'node:worker_threads'
import { startSink } from './kafka-sink.ts'

const { brokers, topic } = workerData as { brokers: string[]; topic: string }
const sink = await startSink(brokers, topic)
parentPort?.on('message', async (msg: { cmd: 'stats' | 'stop' }) => {
  if (msg.cmd === 'stats') parentPort?.postMessage({ count: sink.stats.count })
  else {
    await sink.stop()
    parentPort?.postMessage(sink.stats)
  }
})
parentPort?.postMessage({ ready: true })
