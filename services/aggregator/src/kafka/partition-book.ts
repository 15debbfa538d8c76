import type { Lock } from './lock.ts'

/** What the book needs of a partition task (PartitionTask has it). */
export interface BookTask {
  readonly partition: number
  readonly lock: Lock
  /** Cleared when the task is dropped: a task without an engine must be opened again. */
  engine: object | undefined
  close(): Promise<void>
}

export interface PartitionBookDeps<T extends BookTask> {
  /**
   * Creates tasks for the partitions and starts taking ownership (fencing the previous owner,
   * restoring state); `ready` settles when that is done for all of them, or failed.
   */
  open(partitions: number[]): { tasks: T[]; ready: Promise<void> }
  /** Opening failed: the tasks were closed; the partitions open again on their next batch. */
  onOpenFailed(err: unknown, partitions: number[]): void
  /** A task was dropped because it broke (Kafka failure, fencing); its state is restored again. */
  onBroken(task: T, reason: string, err: unknown): void
}

/**
 * Which input partitions this instance owns and their tasks. A task is in the book only once it
 * is open and only while its partition is assigned to this member, so a batch is applied by the
 * owner of the state it continues and never by a task that was revoked or broke in between.
 */
export interface PartitionBook<T extends BookTask> {
  /**
   * The group's assignment for this member: the tasks of partitions it lost are dropped (all of
   * them when the member id changed: out of the group, another may have owned anything), and the
   * partitions it has no task for are opened. Returns the partitions it opens.
   */
  assign(memberId: string, partitions: readonly number[]): number[]
  readonly assigned: ReadonlySet<number>
  /** The open task of a partition, opening it if needed; undefined if opening failed or the partition went meanwhile. */
  taskFor(partition: number): Promise<T | undefined>
  /** Whether the task is still the book's for its partition (not dropped or replaced). */
  owns(task: T): boolean
  /** Takes the task out of the book and closes it; with `err`, reports it as broken. */
  drop(task: T, reason: string, err?: unknown): Promise<void>
  tasks(): T[]
}

export function createPartitionBook<T extends BookTask>(deps: PartitionBookDeps<T>): PartitionBook<T> {
  const tasks = new Map<number, T>()
  const opening = new Map<number, Promise<T | undefined>>()
  let assigned = new Set<number>()
  let memberId: string | undefined

  const drop = async (task: T, reason: string, err?: unknown) => {
    if (tasks.get(task.partition) === task) tasks.delete(task.partition)
    task.engine = undefined
    await task.close()
    if (err !== undefined) deps.onBroken(task, reason, err)
  }

  const open = (partitions: number[]) => {
    const { tasks: fresh, ready } = deps.open(partitions)
    const done = ready
      .then(async () => {
        for (const t of fresh) {
          if (assigned.has(t.partition)) tasks.set(t.partition, t)
          else await t.close() // revoked while it was being opened
        }
      })
      .catch(async (err: unknown) => {
        deps.onOpenFailed(err, partitions)
        await Promise.all(fresh.map((t) => t.close()))
      })
    for (const t of fresh) opening.set(t.partition, done.then(() => tasks.get(t.partition)).finally(() => opening.delete(t.partition)))
  }

  return {
    assign(id, partitions) {
      assigned = new Set(partitions)
      const rejoinedAsNew = memberId !== undefined && memberId !== id
      memberId = id
      for (const task of [...tasks.values()]) if (rejoinedAsNew || !assigned.has(task.partition)) void task.lock.run(() => drop(task, 'revoked'))
      const toOpen = [...assigned].filter((p) => !tasks.has(p) && !opening.has(p))
      open(toOpen)
      return toOpen
    },
    get assigned() {
      return assigned
    },
    async taskFor(partition) {
      const existing = tasks.get(partition)
      if (existing?.engine) return existing
      if (!opening.has(partition)) open([partition])
      return opening.get(partition)
    },
    owns: (task) => tasks.get(task.partition) === task,
    drop,
    tasks: () => [...tasks.values()],
  }
}
