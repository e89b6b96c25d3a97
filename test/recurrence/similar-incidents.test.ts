import pino from 'pino';
import { toStoredInstant } from '../../src/db/instant';
import type { Incident, ReadyIncident } from '../../src/incidents/incident';
import { loadIncident } from '../../src/incidents/incident-queries';
import { currentSignature, recordSignature } from '../../src/recurrence/incident-signature';
import type { SimilarIncident } from '../../src/recurrence/past-incident';
import type { RecurrenceDeps } from '../../src/recurrence/recurrence-deps';
import type { RecurrencePort } from '../../src/recurrence/recurrence-port';
import { claimNotice } from '../../src/recurrence/recurrence.repository';
import { relatedChoices, relatedIncidents } from '../../src/recurrence/related-incidents';
import { showSimilarIncidents } from '../../src/recurrence/show-similar-incidents';
import { similarIncidents } from '../../src/recurrence/similar-incidents';
import { outcomesText } from '../../src/recurrence/item-outcomes';
import { seedPastIncident } from '../../tools/harness/recurrence-seed';
import { testDatabase } from '../../tools/harness/test-db';

const day = (d: number) => new Date(Date.UTC(2026, 9, d, 12));

/** The chat side, holding what it was asked to show. */
class FakeRecurrencePort implements RecurrencePort {
  posts: Array<{ channelId: string; ids: string[] }> = [];
  updates: Array<{ ts: string; ids: string[] }> = [];
  /** A message an earlier attempt posted without its answer arriving. */
  orphan: string | undefined;
  failPosts = false;

  async postSimilar(incident: ReadyIncident, similar: SimilarIncident[]): Promise<string> {
    if (this.failPosts) throw new Error('channel_not_found');
    this.posts.push({ channelId: incident.channelId, ids: similar.map((s) => s.id) });
    return `${this.posts.length}.0001`;
  }
  async updateSimilar(_incident: ReadyIncident, ts: string, similar: SimilarIncident[]): Promise<void> {
    this.updates.push({ ts, ids: similar.map((s) => s.id) });
  }
  async findSimilar(): Promise<string | undefined> {
    return this.orphan;
  }
  async permalink(channelId: string, ts: string): Promise<string | null> {
    return `https://acme.slack.com/archives/${channelId}/p${ts.replace('.', '')}`;
  }
}

describe('similar past incidents', () => {
  let handle: Awaited<ReturnType<typeof testDatabase>>;
  let port: FakeRecurrencePort;
  let deps: RecurrenceDeps;

  beforeEach(async () => {
    handle = await testDatabase();
    port = new FakeRecurrencePort();
    deps = {
      db: handle.db,
      clock: { now: () => day(20) },
      logger: pino({ level: 'silent' }),
      port,
      postmortemPlaces: async (incident) => ({
        message: { channelId: incident.channelId as string, ts: '1700000000.000100' },
        fileUrl: `https://git.example.com/postmortems/blob/main/${incident.id}/README.md`,
      }),
    };
  });
  afterEach(() => handle.remove());

  /** The incident as just declared, its signature recorded as declaring does. */
  async function declared(seed: Parameters<typeof seedPastIncident>[1]): Promise<Incident> {
    await seedPastIncident(handle.db, seed);
    return loadIncident(handle.db, seed.id);
  }
  const lookup = async (incident: Incident) => similarIncidents(deps, incident, await currentSignature(handle.db, incident));

  it('finds the past incident like a new one, with its post-mortem and what became of its items', async () => {
    await seedPastIncident(handle.db, {
      id: 'past',
      title: 'Checkout API returning 502s',
      declaredAt: day(1),
      severity: 'SEV1',
      summary: 'A config push disabled payment retries.',
      tags: ['payments'],
      published: true,
      items: ['verified', 'wont_do'],
    });
    await seedPastIncident(handle.db, { id: 'other', title: 'Orders database failover slow', declaredAt: day(2), summary: 'x', tags: ['database'], published: true });
    const incident = await declared({ id: 'now', title: 'Checkout API 502 errors', declaredAt: day(10) });

    const [found, ...rest] = await lookup(incident);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      id: 'past',
      title: 'Checkout API returning 502s',
      severity: 'SEV1',
      declaredAt: day(1),
      channelId: 'CPAST',
      postmortem: {
        published: true,
        messageUrl: 'https://acme.slack.com/archives/CPAST/p1700000000000100',
        fileUrl: 'https://git.example.com/postmortems/blob/main/past/README.md',
      },
      reasons: [{ kind: 'title', names: [] }],
    });
    expect(outcomesText(found!.items)).toBe("2 items: 1 verified, 1 won't do");
  });

  it('never suggests a private incident, and shows a private incident public past ones', async () => {
    await seedPastIncident(handle.db, { id: 'secret', title: 'Payroll export leaking salaries', declaredAt: day(1), isPrivate: true, summary: 's', published: true });
    await seedPastIncident(handle.db, { id: 'public', title: 'Payroll export leaking', declaredAt: day(2), summary: 's', published: true });
    const publicOne = await declared({ id: 'now', title: 'Payroll export leaking salaries again', declaredAt: day(10) });
    expect((await lookup(publicOne)).map((s) => s.id)).toEqual(['public']);

    const privateOne = await declared({ id: 'private-now', title: 'Payroll export leaking salaries', declaredAt: day(11), isPrivate: true });
    expect((await lookup(privateOne)).map((s) => s.id)).toEqual(['now', 'public']);
    // Nor is the private one itself ever stored to be found later, however alike.
    const later = await declared({ id: 'later', title: 'Payroll export leaking salaries', declaredAt: day(12) });
    expect((await lookup(later)).map((s) => s.id)).toEqual(['now', 'public']);
    const stored = await handle.db.selectFrom('recurrence_signatures').select('incident_id').execute();
    expect(stored.map((r) => r.incident_id).sort()).toEqual(['later', 'now', 'public']);
  });

  it('only looks back: neither the incident itself nor one declared after it is suggested', async () => {
    const first = await declared({ id: 'first', title: 'Search index stale', declaredAt: day(1) });
    await declared({ id: 'second', title: 'Search index stale', declaredAt: day(5) });
    expect(await lookup(first)).toEqual([]);
    expect((await lookup(await loadIncident(handle.db, 'second'))).map((s) => s.id)).toEqual(['first']);
  });

  it('remembers an alert group after it fires again for the next incident', async () => {
    const group = { key: '{}:{alertname="HighErrorRate"}', alerts: [{ name: 'HighErrorRate', labels: { service: 'checkout' } }] };
    await seedPastIncident(handle.db, { id: 'last-time', title: 'Pager at night', declaredAt: day(1), alertGroup: group, summary: 'Pool exhausted', published: true });
    // The same group, linked anew: Alertmanager's group fired again and became this incident.
    await handle.db.updateTable('alert_groups').set({ incident_id: 'this-time' }).where('id', '=', 'g-last-time').execute();
    await recordSignature(handle.db, await loadIncident(handle.db, 'last-time'), day(2));
    const incident = await declared({ id: 'this-time', title: 'Elevated 5xx', declaredAt: day(10) });
    await handle.db.updateTable('alert_groups').set({ incident_id: 'this-time' }).where('id', '=', 'g-last-time').execute();

    const [found] = await lookup(incident);
    expect(found?.id).toBe('last-time');
    expect(found?.reasons).toEqual([
      { kind: 'groups', names: [] },
      { kind: 'alerts', names: ['HighErrorRate'] },
      { kind: 'services', names: ['checkout'] },
    ]);
  });

  it('shows at most three, best first, and none below the threshold', async () => {
    const titles = ['Checkout API returning 502s', 'Checkout API 502', 'Checkout API slow 502', 'Checkout API down', 'Checkout page blank', 'Disk full'];
    for (const [i, title] of titles.entries()) await seedPastIncident(handle.db, { id: `p${i}`, title, declaredAt: day(1 + i) });
    const incident = await declared({ id: 'now', title: 'Checkout API returning 502s', declaredAt: day(20) });
    const found = await lookup(incident);
    expect(found.map((s) => s.id)).toEqual(['p0', 'p1', 'p2']);
    expect(found.map((s) => s.score)).toEqual([...found.map((s) => s.score)].sort((a, b) => b - a));
  });

  describe('in the incident channel', () => {
    beforeEach(async () => {
      await seedPastIncident(handle.db, { id: 'past', title: 'Checkout API returning 502s', declaredAt: day(1), summary: 'x', published: true, items: ['verified'] });
      await seedPastIncident(handle.db, { id: 'now', title: 'Checkout API 502 errors', declaredAt: day(10), unsigned: true });
    });

    it('posts one message once declared, and edits that same message when the post-mortem is opened', async () => {
      expect((await showSimilarIncidents(deps, 'now', 'declared')).map((s) => s.id)).toEqual(['past']);
      expect(await showSimilarIncidents(deps, 'now', 'declared')).toHaveLength(1);
      expect(port.posts).toEqual([{ channelId: 'CNOW', ids: ['past'] }]);

      await seedPastIncident(handle.db, { id: 'past-2', title: 'Checkout API returning 502s', declaredAt: day(5) });
      await showSimilarIncidents(deps, 'now', 'postmortem_opened');
      expect(port.posts).toHaveLength(1);
      expect(port.updates).toEqual([{ ts: '1.0001', ids: ['past-2', 'past'] }]);
      expect(await handle.db.selectFrom('recurrence_notices').selectAll().execute()).toEqual([
        { incident_id: 'now', channel_id: 'CNOW', ts: '1.0001', lease_until: null, updated_at: toStoredInstant(day(20)) },
      ]);
    });

    it('posts on opening the post-mortem when nothing was posted at declaration', async () => {
      await seedPastIncident(handle.db, { id: 'unrelated', title: 'Disk full on build agents', declaredAt: day(11), unsigned: true });
      await showSimilarIncidents(deps, 'unrelated', 'declared');
      expect(port.posts).toEqual([]);
      await showSimilarIncidents(deps, 'now', 'postmortem_opened');
      expect(port.posts).toEqual([{ channelId: 'CNOW', ids: ['past'] }]);
      expect(port.updates).toEqual([]);
    });

    it('finds a message whose posting was never recorded instead of posting another', async () => {
      // An earlier attempt claimed the notice, posted, and died before recording where.
      await claimNotice(handle.db, 'now', 'CNOW', toStoredInstant(day(19)), toStoredInstant(day(19)));
      port.orphan = '9.0009';
      await showSimilarIncidents(deps, 'now', 'declared');
      expect(port.posts).toEqual([]);
      expect((await handle.db.selectFrom('recurrence_notices').select('ts').executeTakeFirstOrThrow()).ts).toBe('9.0009');
    });

    it('leaves nothing held when Slack refuses, and never fails the declaration', async () => {
      port.failPosts = true;
      await expect(showSimilarIncidents(deps, 'now', 'declared')).resolves.toEqual([]);
      expect(await handle.db.selectFrom('recurrence_notices').select(['ts', 'lease_until']).execute()).toEqual([{ ts: null, lease_until: null }]);
      port.failPosts = false;
      await showSimilarIncidents(deps, 'now', 'declared');
      expect(port.posts).toHaveLength(1);
    });
  });

  describe('as related incidents of the post-mortem', () => {
    it('offers the suggestions ticked until the author chooses, then keeps what was kept', async () => {
      await seedPastIncident(handle.db, { id: 'a', title: 'Checkout API returning 502s', declaredAt: day(1) });
      await seedPastIncident(handle.db, { id: 'b', title: 'Checkout API 502 again', declaredAt: day(2) });
      const incident = await declared({ id: 'now', title: 'Checkout API 502s', declaredAt: day(10) });

      const fresh = await relatedChoices(deps, incident, null);
      expect(fresh.options.map((o) => o.id)).toEqual(['b', 'a']);
      expect(fresh.checked).toEqual(['b', 'a']);

      const chosen = await relatedChoices(deps, incident, ['a']);
      expect(chosen.options.map((o) => o.id)).toEqual(['a', 'b']);
      expect(chosen.checked).toEqual(['a']);
      expect(chosen.options[0]?.postmortem.messageUrl).toBeNull();
    });

    it('shows only public incidents, never the incident itself, whatever ids the form sent', async () => {
      await seedPastIncident(handle.db, { id: 'a', title: 'A', declaredAt: day(1), summary: 's', published: true });
      await seedPastIncident(handle.db, { id: 'secret', title: 'S', declaredAt: day(2), isPrivate: true });
      expect((await relatedIncidents(deps, 'now', ['secret', 'now', 'a', 'gone'])).map((p) => p.id)).toEqual(['a']);
    });
  });
});
