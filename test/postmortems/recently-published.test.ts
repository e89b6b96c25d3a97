import { myWork } from '../../src/home/my-work';
import { recentlyPublished } from '../../src/postmortems/recently-published';
import { seedIncident, testDatabase } from '../../tools/harness/test-db';

type Handle = Awaited<ReturnType<typeof testDatabase>>;

/** A post-mortem for the incident, published at `publishedAt` (or still a draft when null). */
async function postmortem(db: Handle, incidentId: string, publishedAt: string | null) {
  await db.db
    .insertInto('postmortems')
    .values({
      id: `pm-${incidentId}`,
      incident_id: incidentId,
      content: '{}',
      version: 1,
      updated_by: 'U1',
      updated_at: '2026-11-22T11:00:00.000Z',
      author_ids: 'U1',
      published_at: publishedAt,
      published_by: publishedAt ? 'U1' : null,
      overridden_notes: null,
      publish_lease_until: null,
      created_at: '2026-11-22T11:00:00.000Z',
    })
    .execute();
}

describe('recently published post-mortems', () => {
  let db: Handle;
  beforeEach(async () => {
    db = await testDatabase();
    await seedIncident(db, { id: 'older', channelId: 'C1' });
    await seedIncident(db, { id: 'newer', channelId: 'C2' });
    await seedIncident(db, { id: 'secret', channelId: 'C3' });
    await seedIncident(db, { id: 'draft', channelId: 'C4' });
    await db.db.updateTable('incidents').set({ is_private: 1 }).where('id', '=', 'secret').execute();
    await postmortem(db, 'older', '2026-11-23T09:00:00.000Z');
    await postmortem(db, 'newer', '2026-11-24T09:00:00.000Z');
    await postmortem(db, 'secret', '2026-11-25T09:00:00.000Z');
    await postmortem(db, 'draft', null);
  });
  afterEach(async () => {
    await db.remove();
  });

  it('lists published ones newest first, with when, and leaves drafts out', async () => {
    expect(await recentlyPublished(db.db, 10)).toEqual([
      { incidentId: 'secret', publishedAt: new Date('2026-11-25T09:00:00.000Z') },
      { incidentId: 'newer', publishedAt: new Date('2026-11-24T09:00:00.000Z') },
      { incidentId: 'older', publishedAt: new Date('2026-11-23T09:00:00.000Z') },
    ]);
    expect((await recentlyPublished(db.db, 1)).map((p) => p.incidentId)).toEqual(['secret']);
  });

  it("shows a person's App Home the public ones, and a private one only while they are in its channel", async () => {
    const inSecretChannel = new Set(['U-member']);
    const members = { isMember: async (channelId: string, userId: string) => channelId !== 'C3' || inSecretChannel.has(userId) };
    const shown = async (userId: string) =>
      (await myWork({ db: db.db, members, clock: { now: () => new Date('2026-11-26T12:00:00.000Z') } }, userId, '2026-11-26')).postmortems.map((p) => [p.incident.id, p.incident.title, p.publishedAt.toISOString()]);

    expect(await shown('U-member')).toEqual([
      ['secret', 'Checkout errors', '2026-11-25T09:00:00.000Z'],
      ['newer', 'Checkout errors', '2026-11-24T09:00:00.000Z'],
      ['older', 'Checkout errors', '2026-11-23T09:00:00.000Z'],
    ]);
    expect((await shown('U-outsider')).map(([id]) => id)).toEqual(['newer', 'older']);
  });
});
