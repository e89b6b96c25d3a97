import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { beat, countLive, forget } from './slack-replicas.repository';

/** How often each process says it is alive. */
export const REPLICA_BEAT_EVERY_MS = 10_000;
/** A process silent this long no longer counts: it stopped or died (three missed beats). */
const REPLICA_SILENT_MS = 3 * REPLICA_BEAT_EVERY_MS;
/** Rows of processes silent this long are deleted. */
const REPLICA_FORGOTTEN_MS = 60 * 60_000;

/**
 * This process's part of the workspace's Slack budget. Slack counts calls per app per workspace,
 * whichever process makes them, so N processes of the bot each keep to 1/N of every method's
 * budget: none can starve the others, and together they stay within Slack's limits. N is the
 * number of processes that said they were alive in the last 30 s; when one stops or dies, the
 * others take its part within a beat or three.
 */
export class BudgetShare {
  readonly id = randomUUID();
  private live = 1;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** 1 / live processes. */
  readonly share = (): number => 1 / this.live;

  /** Says this process is alive and counts the live ones. */
  async beat(): Promise<number> {
    const now = this.clock.now();
    await beat(this.db, this.id, now);
    this.live = Math.max(1, await countLive(this.db, new Date(now.getTime() - REPLICA_SILENT_MS)));
    return this.live;
  }

  /** Leaves the count, so the others take this process's part at their next beat. */
  async leave(): Promise<void> {
    await forget(this.db, this.id, new Date(this.clock.now().getTime() - REPLICA_FORGOTTEN_MS));
  }
}
