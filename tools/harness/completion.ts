import type { TestBot } from './test-bot';
import { waitFor } from './wait-for';

/** How long a test waits for the bot to finish what it was sent before failing. */
const HANDLING_TIMEOUT_MS = 5000;

/**
 * Resolves once the bot has finished handling every request it has acknowledged so far, so a
 * test can then check that nothing more happened.
 *
 * Exact, not a guess: an event or a form submission is stored in the inbox before Slack is
 * acknowledged and is marked handled (or failed, with a retry time) only after its listeners
 * have finished; a slash command, a click or a shortcut is acknowledged from inside its
 * listener, so it is counted in flight before the driver's request returns.
 */
export async function requestsFinished(t: TestBot): Promise<void> {
  await waitFor(
    async () => {
      const running = await t.bot.database.db
        .selectFrom('inbox')
        .select('id')
        .where('handled_at', 'is', null)
        .where('retry_at', 'is', null)
        .execute();
      if (running.length > 0) throw new Error(`requests still being handled: ${running.map((r) => r.id).join(', ')}`);
      return true;
    },
    { timeoutMs: HANDLING_TIMEOUT_MS },
  );
  if (!(await t.bot.inFlight.drained(HANDLING_TIMEOUT_MS))) {
    throw new Error(`${t.bot.inFlight.size} requests were still running after ${HANDLING_TIMEOUT_MS} ms`);
  }
}

/** The names the bot gives its background jobs (see src/start-bot.ts). */
export type JobName = 'resume-setups' | 'postmortem-reminders' | 'action-item-reminders' | 'replay-inbox' | 'prune-inbox' | 'process-alerts' | 'push-postmortems' | 'ask-for-accounts' | 'review-reminders' | 'verify-items' | 'tracker-sync' | 'tracker-poll' | 'insights-digest';

/**
 * Resolves once a run of the job that starts after this call has finished: whatever was due at
 * the time of the call (the test's clock included) has been acted on.
 */
export async function jobRan(t: TestBot, name: JobName, timeoutMs = HANDLING_TIMEOUT_MS): Promise<void> {
  const job = t.bot.jobs.get(name);
  if (!job) throw new Error(`the bot has no job called ${name}`);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the ${name} job did not run within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([job.nextRun(), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether the bot has skipped a redelivery of `eventId` as one it already has: the log line
 * is written before the redelivery is acknowledged, so it is there when the driver's call returns.
 */
export function skippedRedelivery(t: TestBot, eventId: string): boolean {
  return t.logs.some((line) => line.msg === 'skipped a redelivered event' && line.eventId === eventId);
}
