import { fromStoredInstant, toStoredInstant } from '../db/instant';
import { calendarDay } from '../zoned-time';
import { latestOccurrence } from './digest-schedule';
import type { DigestDeps } from './insight-deps';
import { digestPeriod } from './insight-period';
import { hasChart } from './insight-figures';
import { channelInsights, insightsChartImage } from './insights';
import type { DigestItem, InsightsDigest } from './insights-digest';
import { type DigestItemRow, claimDigest, findDigest, overdueItems, scheduleSeen, skipDigest, unverifiedItems, updateDigest } from './insights.repository';

/** How long one process holds a scheduled time; one that dies leaves it to another after this. */
export const DIGEST_CLAIM_MS = 2 * 60_000;
/** After Slack failed the digest, it is tried again this much later… */
const RETRY_MS = 5 * 60_000;
/** …this many times in all: a channel the bot was removed from will not take it next time either. */
const MAX_ATTEMPTS = 6;
/** Items listed under each heading; the rest are counted. */
const LISTED = 10;

export type DigestOutcome = 'posted' | 'skipped' | 'nothing';

/**
 * Posts the weekly digest of the latest scheduled time, once across replicas: the process whose
 * insert of the time's row wins posts it, and one that dies before recording the post leaves the
 * row to be taken over, whose taker finds the message by its metadata instead of posting again.
 * Only the latest time is ever owed, so after downtime one digest catches up, not one per week
 * missed. The time before a schedule was first seen is skipped: a digest turned on on Wednesday
 * starts the next Monday, not with last Monday's.
 */
export async function postInsightsDigest(deps: DigestDeps): Promise<DigestOutcome> {
  const { db } = deps;
  const { schedule, channelId } = deps.digest;
  const now = deps.clock.now();
  const dueAt = latestOccurrence(schedule, now);
  const due = toStoredInstant(dueAt);
  const stamp = toStoredInstant(now);
  const existing = await findDigest(db, due);
  if (existing?.finished_at) return 'nothing';
  const log = deps.logger.child({ digestDueAt: due });
  if (!existing && !(await scheduleSeen(db, schedule.text))) {
    await skipDigest(db, { dueAt: due, schedule: schedule.text, channelId, now: stamp });
    log.info({ schedule: schedule.text }, 'insights digest turned on: it starts with the next scheduled time');
    return 'skipped';
  }
  const claimed = await claimDigest(db, { dueAt: due, schedule: schedule.text, channelId, now: stamp, until: toStoredInstant(new Date(now.getTime() + DIGEST_CLAIM_MS)) });
  if (!claimed) return 'nothing';

  try {
    // How far an earlier attempt got.
    const progress = await findDigest(db, due);
    const digest = await digestFor(deps, dueAt);
    let ts = progress?.posted_ts ?? (await deps.port.findDigest(channelId, dueAt));
    ts ??= await deps.port.postDigest(channelId, digest);
    if (!progress?.posted_ts) await updateDigest(db, due, { posted_ts: ts });
    if (!progress?.chart_shared_at && hasChart(digest.figures)) {
      await deps.port.shareDigestChart(channelId, ts, await insightsChartImage(digest.figures));
      await updateDigest(db, due, { chart_shared_at: toStoredInstant(deps.clock.now()) });
    }
    await updateDigest(db, due, { outcome: 'posted', finished_at: toStoredInstant(deps.clock.now()), claimed_until: null });
    log.info('insights digest posted');
    return 'posted';
  } catch (err) {
    const attempts = (await findDigest(db, due))?.attempts ?? MAX_ATTEMPTS;
    if (attempts >= MAX_ATTEMPTS) {
      await updateDigest(db, due, { outcome: 'failed', finished_at: stamp, claimed_until: null });
      log.error({ err, attempts }, 'gave up posting the insights digest; the next scheduled one will be tried');
    } else {
      await updateDigest(db, due, { claimed_until: toStoredInstant(new Date(now.getTime() + RETRY_MS)) });
      log.warn({ err, attempts }, 'could not post the insights digest; it will be tried again');
    }
    return 'nothing';
  }
}

/** The past 7 days before the scheduled time, and the lists as they stand now. */
async function digestFor(deps: DigestDeps, dueAt: Date): Promise<InsightsDigest> {
  const { schedule } = deps.digest;
  const now = deps.clock.now();
  const today = calendarDay(now, schedule.timeZone);
  const figures = await channelInsights(deps, digestPeriod(dueAt, schedule.timeZone), today);
  const overdue = await overdueItems(deps.db, today, LISTED);
  const unverified = await unverifiedItems(deps.db, toStoredInstant(now), LISTED);
  return {
    dueAt,
    schedule: schedule.text,
    figures,
    overdue: { items: overdue.rows.map(toDigestItem), total: overdue.total },
    unverified: { items: unverified.rows.map(toDigestItem), total: unverified.total },
  };
}

function toDigestItem(row: DigestItemRow): DigestItem {
  return {
    id: row.id,
    description: row.description,
    ownerId: row.owner_id,
    dueDate: row.due_date,
    incidentTitle: row.incident_title,
    channelId: row.channel_id,
    checkDueAt: row.verification === 'unconfirmed' || !row.verify_at ? null : fromStoredInstant(row.verify_at),
  };
}
