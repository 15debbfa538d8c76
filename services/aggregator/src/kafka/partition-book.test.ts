import { describe, expect, it } from 'vitest'
import { createLock } from './lock.ts'
import { createPartitionBook, type BookTask } from './partition-book.ts'

interface TestTask extends BookTask {
  id: string
  closed: boolean
}

/**
 * A book whose tasks are plain records and whose opening the test settles by hand (`finish`), so
 * that every interleaving of assignments, batches and failures can be set up exactly.
 */
function testBook() {
  let created = 0
  const pending: { partitions: number[]; resolve: () => void; reject: (err: Error) => void }[] = []
  const events: string[] = []
  const book = createPartitionBook<TestTask>({
    open: (partitions) => {
      const tasks = partitions.map((partition): TestTask => {
        const task: TestTask = { id: `t${++created}`, partition, lock: createLock(), engine: undefined, closed: false, close: async () => void (task.closed = true) }
        return task
      })
      const ready = new Promise<void>((resolve, reject) => pending.push({ partitions, resolve: () => resolve(tasks.forEach((t) => (t.engine = {}))), reject }))
      return { tasks, ready }
    },
    onOpenFailed: (err, partitions) => events.push(`open failed ${partitions.join(',')}: ${(err as Error).message}`),
    onBroken: (task, reason) => events.push(`broken ${task.id} ${reason}`),
  })
  const openings = () => pending.map((p) => p.partitions)
  /** Settles the oldest opening still pending. */
  const finish = async (err?: Error) => {
    const p = pending.shift()
    if (!p) throw new Error('nothing is opening')
    if (err) p.reject(err)
    else p.resolve()
    await new Promise((r) => setTimeout(r, 0))
  }
  const ids = () => book.tasks().map((t) => `${t.partition}:${t.id}`).sort()
  return { book, openings, finish, ids, events }
}

describe('the partition book', () => {
  it('opens the assigned partitions and hands out their tasks once they are open', async () => {
    const { book, openings, finish, ids } = testBook()
    expect(book.assign('m1', [0, 2])).toEqual([0, 2])
    expect(openings()).toEqual([[0, 2]])
    expect(ids()).toEqual([])
    const waiting = book.taskFor(2)
    await finish()
    expect((await waiting)?.partition).toBe(2)
    expect(ids()).toEqual(['0:t1', '2:t2'])
    expect(book.owns((await book.taskFor(0)) as TestTask)).toBe(true)
    expect(openings()).toEqual([])
  })

  it('keeps the tasks of partitions that stay with the member, and drops and closes the others', async () => {
    const { book, openings, finish, ids } = testBook()
    book.assign('m1', [0, 1])
    await finish()
    const [t0, t1] = book.tasks().sort((a, b) => a.partition - b.partition) as [TestTask, TestTask]
    expect(book.assign('m1', [1, 3])).toEqual([3])
    await finish()
    expect(ids()).toEqual(['1:t2', '3:t3'])
    expect(t0.closed && t0.engine === undefined).toBe(true)
    expect(t1.closed).toBe(false)
    expect(openings()).toEqual([])
  })

  it('drops every task when it comes back into the group as a new member, and opens each again on its next batch', async () => {
    const { book, openings, finish, ids } = testBook()
    book.assign('m1', [0, 1])
    await finish()
    const before = book.tasks()
    // The drops wait for each task's lock (a batch may be running), so nothing opens at once.
    expect(book.assign('m2', [0, 1])).toEqual([])
    await new Promise((r) => setTimeout(r, 0))
    expect(before.every((t) => t.closed)).toBe(true)
    expect(ids()).toEqual([])
    const next = book.taskFor(1)
    expect(openings()).toEqual([[], [1]])
    await finish()
    await finish()
    expect((await next)?.id).toBe('t3')
    expect(ids()).toEqual(['1:t3'])
  })

  it('closes a task whose partition was revoked while it was opening, and hands out nothing for it', async () => {
    const { book, finish, ids } = testBook()
    book.assign('m1', [0, 1])
    const waiting = book.taskFor(1)
    book.assign('m1', [0])
    await finish()
    expect(await waiting).toBeUndefined()
    expect(ids()).toEqual(['0:t1'])
  })

  it('closes the tasks of a failed opening and opens the partition again on its next batch', async () => {
    const { book, openings, finish, ids, events } = testBook()
    book.assign('m1', [4])
    const waiting = book.taskFor(4)
    await finish(new Error('fenced'))
    expect(await waiting).toBeUndefined()
    expect(events).toEqual(['open failed 4: fenced'])
    expect(ids()).toEqual([])
    const again = book.taskFor(4)
    expect(openings()).toEqual([[4]])
    await finish()
    expect((await again)?.id).toBe('t2')
  })

  it('replaces a task that broke: the batch after it gets a new one restored from the changelog', async () => {
    const { book, finish, events } = testBook()
    book.assign('m1', [0])
    await finish()
    const broken = (await book.taskFor(0)) as TestTask
    await book.drop(broken, 'kafka', new Error('producer fenced'))
    expect(events).toEqual(['broken t1 kafka'])
    expect(book.owns(broken)).toBe(false)
    const next = book.taskFor(0)
    await finish()
    expect((await next)?.id).toBe('t2')
  })

  it('does not take out the current task when an older one of the same partition is dropped late', async () => {
    const { book, finish } = testBook()
    book.assign('m1', [0])
    await finish()
    const old = (await book.taskFor(0)) as TestTask
    old.engine = undefined // broke; its drop is still queued behind its lock
    const next = book.taskFor(0)
    await finish()
    const current = (await next) as TestTask
    await book.drop(old, 'revoked')
    expect(book.owns(current)).toBe(true)
    expect(book.tasks()).toEqual([current])
  })

  it('opens a partition only once however many batches ask for it at once', async () => {
    const { book, openings, finish } = testBook()
    book.assign('m1', [5])
    const asks = [book.taskFor(5), book.taskFor(5), book.taskFor(5)]
    expect(openings()).toEqual([[5]])
    await finish()
    expect((await Promise.all(asks)).map((t) => t?.id)).toEqual(['t1', 't1', 't1'])
  })

  it('hands out no task for a partition that is not assigned to it (a batch from before a rebalance)', async () => {
    const { book, finish, ids } = testBook()
    book.assign('m1', [0])
    await finish()
    const stray = book.taskFor(7)
    await finish()
    expect(await stray).toBeUndefined()
    expect(ids()).toEqual(['0:t1'])
  })
})
