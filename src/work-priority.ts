import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is waiting on a piece of work. `interactive`: a person who just clicked, typed a command or
 * submitted a form (their trigger lasts three seconds). `background`: everything nobody watches
 * happen (captures, reminders, publishing pages, card refreshes), which can wait its turn.
 */
export type WorkPriority = 'interactive' | 'background';

const current = new AsyncLocalStorage<WorkPriority>();

/** Runs `work` (and everything it awaits or starts) at `priority`. */
export function runWithPriority<T>(priority: WorkPriority, work: () => T): T {
  return current.run(priority, work);
}

/** The priority of the work now running; work nobody marked is background. */
export function currentPriority(): WorkPriority {
  return current.getStore() ?? 'background';
}
