import { MAX_POSTMORTEM_MESSAGES } from '../../src/render/postmortem-blocks';
import { randomUUID } from 'node:crypto';
import type { FakeChannel, FakeView } from '../../tools/fake-slack';
import { jobRan, requestsFinished } from '../../tools/harness/completion';
import { commandOpeningModal, declareThroughSlack, submitAs, topModal } from '../../tools/harness/incident-steps';
import { type TestBot, startTestBot } from '../../tools/harness/test-bot';
import { buttonsOf, visibleText } from '../../tools/harness/visible-text';
import { waitFor } from '../../tools/harness/wait-for';

type Fields = Record<string, string | number | string[] | null>;

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const nextWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

describe('writing and publishing a post-mortem', () => {
  let offsetMs = 0;
  let t: TestBot;
  let alice: string;
  let bob: string;
  let carol: string;
  let ops: string;
  let postmortems: string;
  let channel: FakeChannel;
  let incidentId: string;

  const incidentRow = () => t.bot.database.db.selectFrom('incidents').selectAll().where('id', '=', incidentId).executeTakeFirstOrThrow();
  const postmortemRow = () => t.bot.database.db.selectFrom('postmortems').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
  const items = () => t.bot.database.db.selectFrom('action_items').selectAll().where('incident_id', '=', incidentId).orderBy('created_at').execute();
  const viewText = (id: string) => visibleText(t.slack.view(id));
  const waitForView = (id: string, fragment: string) => waitFor(() => (viewText(id).includes(fragment) ? t.slack.view(id) : undefined));

  async function openForm(user: string): Promise<FakeView> {
    const form = await commandOpeningModal(t, user, channel.id, 'postmortem');
    expect(form.callback_id).toBe('postmortem_form');
    return form;
  }

  async function addItem(user: string, form: FakeView, fields: Fields) {
    await t.driver.blockAction({ user, actionId: 'postmortem_add_action_item', container: { type: 'view', viewId: form.id } });
    const pushed = await topModal(t, user, form.id);
    expect(pushed.callback_id).toBe('action_item');
    expect(t.slack.views(user)).toHaveLength(2);
    return { pushed, response: await t.driver.submitView({ user, viewId: pushed.id, fields }) };
  }

  const goodContent: Fields = {
    pm_summary: 'A config push disabled the payment retries <!channel> <https://evil.example|bank>. Checkout failed for 42 minutes.',
    pm_impact: '18% of checkouts failed between 14:02 and 14:44 UTC.',
    pm_cause_avoid: 'Config pushes skip the canary stage\nThe retry flag had no validation',
    pm_cause_detect: 'No alert on payment error rate',
    pm_cause_fix_faster: 'The rollback runbook was out of date',
    pm_five_whys: 'Why did checkout fail? Retries were disabled.\nWhy were they disabled? A config push changed the flag.',
    pm_went_well: 'Support noticed within minutes',
    pm_went_wrong: 'Paging took 10 minutes',
    pm_got_lucky: 'It happened outside the sales peak',
    pm_tags: 'payments, config',
    pm_meeting_date: '2026-11-25',
  };

  beforeAll(async () => {
    t = await startTestBot({
      env: { POSTMORTEMS_CHANNEL: 'C0POSTMORTEMS' },
      clock: { now: () => new Date(Date.now() + offsetMs) },
      jobs: { postmortemRemindersEveryMs: 50 },
    });
    alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ops', tz: 'Europe/Paris' }).id;
    bob = t.slack.addUser({ name: 'bob', realName: 'Bob Builder', tz: 'America/New_York' }).id;
    carol = t.slack.addUser({ name: 'carol', realName: 'Carol Checks' }).id;
    ops = t.slack.addChannel({ name: 'ops', members: [alice, bob, carol] }).id;
    postmortems = t.slack.addChannel({ id: 'C0POSTMORTEMS', name: 'postmortems', members: [t.slack.bot.userId] }).id;
    const declared = await declareThroughSlack(t, alice, ops, { title: 'Payments failing', severity: 'SEV2', responders: [bob, carol] });
    channel = declared.channel;
    incidentId = declared.row.id;
    const message = t.slack.post(bob, channel.id, `Retries are off since the 14:02 config push cc <@${carol}>`);
    await t.driver.reactionAdded(alice, channel.id, message.ts, 'pushpin');
    await waitFor(() => t.slack.reactionsOn(channel.id, message.ts).some((r) => r.name === 'memo'));
    await t.driver.command({ user: alice, channel: channel.id, text: 'resolve Re-enabled payment retries' });
    await waitFor(async () => (await incidentRow()).status === 'resolved');
  });
  afterAll(() => t.stop());

  it('owes a post-mortem within 48 hours of resolving a SEV2', async () => {
    const row = await incidentRow();
    expect(Date.parse(row.postmortem_due_at!) - Date.parse(row.resolved_at!)).toBe(48 * 3_600_000);
  });

  it('refuses to publish with fewer than two causes, explaining why', async () => {
    const form = await openForm(alice);
    expect(viewText(form.id)).toContain('How could we have avoided it?');
    expect(viewText(form.id)).toContain('Not saved yet');
    await t.driver.submitView({ user: alice, viewId: form.id, fields: { pm_summary: 'Payments failed', pm_cause_avoid: 'No canary' } });
    const review = await waitForView(form.id, 'No incident has a single cause');
    expect(review.submit).toBeFalsy();
    expect((await postmortemRow())?.version).toBe(1);
    t.slack.closeView(alice, form.id);
  });

  it('collects action items in a pushed form, with errors on the right field, and lists them to edit or remove', async () => {
    const form = await openForm(bob);
    expect(viewText(form.id)).toContain(`Last saved by <@${alice}>`);

    const bad = await addItem(bob, form, {
      ai_description: 'Add an alert on payment error rate above 2%',
      ai_owner: carol,
      ai_due: '2020-01-01',
      ai_type: 'detect',
      ai_ticket: 'OPS-1',
    });
    expect(bad.response.body).toEqual({
      response_action: 'errors',
      errors: { ai_due: expect.stringContaining('past'), ai_ticket: expect.stringContaining('https://') },
    });
    const good = await t.driver.submitView({
      user: bob,
      viewId: bad.pushed.id,
      fields: { ai_due: nextWeek(), ai_ticket: 'https://tracker.example.com/OPS-1' },
    });
    expect(good.status).toBe(200);
    await waitForView(form.id, 'Add an alert on payment error rate above 2%');
    expect(t.slack.views(bob)).toHaveLength(1);

    await addItem(bob, form, { ai_description: 'Be more careful with config pushes', ai_owner: alice, ai_due: tomorrow(), ai_type: 'process' });
    await addItem(bob, form, { ai_description: 'Typo item', ai_owner: alice, ai_due: tomorrow(), ai_type: 'prevent' });
    await waitForView(form.id, 'Typo item');
    const [first, , typo] = await items();

    await t.driver.blockAction({
      user: bob,
      actionId: 'postmortem_action_item_menu',
      blockId: `item:${first!.id}`,
      selectedOption: `edit:${first!.id}`,
      container: { type: 'view', viewId: form.id },
    });
    const edit = await topModal(t, bob, form.id);
    expect(JSON.stringify(edit.blocks)).toContain('Add an alert on payment error rate above 2%');
    await t.driver.submitView({ user: bob, viewId: edit.id, fields: { ai_description: 'Alert on payment error rate above 2% for 5 minutes' } });
    await waitForView(form.id, 'for 5 minutes');

    await t.driver.blockAction({
      user: bob,
      actionId: 'postmortem_action_item_menu',
      blockId: `item:${typo!.id}`,
      selectedOption: `remove:${typo!.id}`,
      container: { type: 'view', viewId: form.id },
    });
    await waitFor(() => !viewText(form.id).includes('Typo item'));
    expect((await items()).map((i) => [i.description, i.owner_id, i.type])).toEqual([
      ['Alert on payment error rate above 2% for 5 minutes', carol, 'detect'],
      ['Be more careful with config pushes', alice, 'process'],
    ]);
    t.slack.closeView(bob, form.id);
  });

  it('points at blaming words and "try harder" actions with friendly suggestions', async () => {
    const form = await openForm(alice);
    await t.driver.submitView({
      user: alice,
      viewId: form.id,
      fields: { ...goodContent, pm_cause_avoid: 'Human error: Bob should have checked the flag\nThe retry flag had no validation' },
    });
    const review = await waitForView(form.id, 'blameless review has');
    const text = visibleText(review);
    expect(text).toContain('“Human error”');
    expect(text).toContain('“should have”');
    expect(text).toContain('“Be more careful”');
    expect(text).toContain('a test, an alert, a lint rule, a guard rail');

    const refused = await t.driver.submitView({ user: alice, viewId: form.id });
    expect(refused.body).toEqual({ response_action: 'errors', errors: { pm_publish_anyway: expect.stringContaining('Publish anyway') } });
    expect((await incidentRow()).status).toBe('resolved');

    await t.driver.blockAction({ user: alice, actionId: 'postmortem_back_to_editing', container: { type: 'view', viewId: form.id } });
    const again = await waitFor(() => (t.slack.view(form.id)?.callback_id === 'postmortem_form' ? t.slack.view(form.id) : undefined));
    expect(JSON.stringify(again.blocks)).toContain('Human error: Bob should have checked the flag');
    t.slack.closeView(alice, form.id);
  });

  it('publishes anyway when asked, recording the override, in both channels and as a Markdown file', async () => {
    const form = await openForm(alice);
    await t.driver.submitView({ user: alice, viewId: form.id, fields: goodContent });
    await waitForView(form.id, 'blameless review has 1 note');
    await t.driver.submitView({ user: alice, viewId: form.id, fields: { pm_publish_anyway: ['accept'] } });
    await waitForView(form.id, 'Published in');

    for (const where of [channel.id, postmortems]) {
      const shown = t.slack.botMessages(where).filter((m) => m.text.startsWith('Post-mortem:'));
      expect(shown.length).toBeGreaterThanOrEqual(1);
      const text = shown.map((m) => visibleText(m)).join('\n');
      for (const fragment of [
        'Post-mortem: Payments failing',
        '*Severity*\nSEV2',
        '*Time to detect*',
        '*Time to mitigate*',
        '*Time to resolve*',
        '*Commander*\nAlice Ops',
        '*Authors*\nAlice Ops',
        '&lt;!channel&gt; &lt;https://evil.example|bank&gt;',
        '18% of checkouts failed',
        'How could we have detected it sooner?',
        'No alert on payment error rate',
        '1. Why did checkout fail?',
        'Where we got lucky',
        'Alert on payment error rate above 2% for 5 minutes — Carol Checks, due',
        'Detect · <https://tracker.example.com/OPS-1|ticket>',
        'Bob Builder:* Retries are off since the 14:02 config push cc @Carol Checks',
        'resolved the incident: Re-enabled payment retries',
      ]) {
        expect(text).toContain(fragment);
      }
      expect(text).not.toMatch(/<!channel>|<@U/);
    }

    const [file] = t.slack.files();
    expect(file!.title).toMatch(/^incidents\/\d{4}\/\d{2}\/\d{8}-payments-failing\/README\.md$/);
    const markdown = String(file!.text);
    expect(markdown).toContain('## Status\n\nComplete');
    for (const heading of [
      '# Payments failing',
      '## Date',
      '## Authors',
      '## Status',
      '## Summary',
      '## Impact',
      '## Root Causes',
      '### How could we have avoided it?',
      '### How could we have detected it sooner?',
      '### How could we have fixed it faster?',
      '### Five Whys',
      '## Trigger',
      '## Detection',
      '## Resolution',
      '## Action Items',
      '**Owner:** ',
      '## Lessons Learned',
      '### What went well',
      '### What went wrong',
      '### Where we got lucky',
      '## Timeline',
      'All times UTC.',
      '## Supporting information',
      '| Severity | SEV2 |',
      '| Facilitator |',
      '| Tags | payments, config |',
      '| Time to resolve |',
    ]) {
      expect(markdown).toContain(heading);
    }
    expect(markdown).toContain('\\<!channel> \\<https://evil.example\\|bank>');
    expect(markdown).toContain('Bob Builder: Retries are off since the 14:02 config push cc @Carol Checks');

    const stored = (await postmortemRow())!;
    expect(stored.published_by).toBe(alice);
    expect(JSON.parse(stored.overridden_notes!)).toEqual([expect.objectContaining({ quote: 'Be more careful' })]);
    const incident = await incidentRow();
    expect(incident.status).toBe('postmortem_published');
    expect(incident.postmortem_due_at).toBeNull();
    const card = t.slack.message(channel.id, t.slack.pins(channel.id)[0]!.ts);
    expect(visibleText(card)).toContain('Post-mortem published');
  });

  it('updates the published messages in place when published again after edits', async () => {
    const published = () => t.slack.botMessages(postmortems).filter((m) => m.text.startsWith('Post-mortem:'));
    const before = published().map((m) => m.ts);
    const posts = t.slack.callsTo('chat.postMessage').length;
    const form = await openForm(bob);
    await t.driver.submitView({ user: bob, viewId: form.id, fields: { pm_impact: '19% of checkouts failed between 14:02 and 14:44 UTC.' } });
    await waitForView(form.id, 'blameless review has 1 note');
    await t.driver.submitView({ user: bob, viewId: form.id, fields: { pm_publish_anyway: ['accept'] } });
    await waitForView(form.id, 'Published in');
    expect(published().map((m) => m.ts)).toEqual(before);
    expect(visibleText(published()[0])).toContain('19% of checkouts');
    expect(visibleText(published()[0])).toContain('Alice Ops, Bob Builder');
    expect(t.slack.callsTo('chat.postMessage').length).toBe(posts);
  });

  it('shows an action item marked done (from the App Home) in the published post-mortem', async () => {
    await t.driver.appHomeOpened(carol);
    const home = await waitFor(() => {
      const view = t.slack.homeView(carol);
      return view && visibleText(view).includes('for 5 minutes') ? view : undefined;
    });
    const done = buttonsOf(home).find((b) => b.text === 'Mark done')!;
    await t.driver.blockAction({ user: carol, actionId: done.actionId, container: { type: 'view', viewId: home.id } });
    const published = () => t.slack.botMessages(postmortems).filter((m) => m.text.startsWith('Post-mortem:'));
    await waitFor(() => published().some((m) => visibleText(m).includes('for 5 minutes') && visibleText(m).includes(':white_check_mark: done')));
    // Off the open items, and under "Done lately", where whether it works will show.
    await waitFor(() => {
      const text = visibleText(t.slack.homeView(carol));
      return text.includes('Done lately') && text.indexOf('for 5 minutes') > text.indexOf('Done lately');
    });
  });

  it('does not overwrite someone else’s save: it says who and when, and keeps what was typed', async () => {
    const aliceForm = await openForm(alice);
    const bobForm = await openForm(bob);
    await t.driver.submitView({ user: bob, viewId: bobForm.id, fields: { pm_got_lucky: 'Bob was awake' } });
    await waitForView(bobForm.id, 'Draft saved');
    await t.driver.submitView({ user: alice, viewId: aliceForm.id, fields: { pm_got_lucky: 'Alice was awake' } });
    const conflict = await waitForView(aliceForm.id, 'after you opened it');
    expect(visibleText(conflict)).toContain(`<@${bob}> saved this post-mortem`);
    expect(JSON.stringify(conflict.blocks)).toContain('Alice was awake');
    expect(JSON.parse((await postmortemRow())!.content).gotLucky).toEqual(['Bob was awake']);

    await t.driver.submitView({ user: alice, viewId: aliceForm.id });
    await waitForView(aliceForm.id, 'Draft saved');
    expect(JSON.parse((await postmortemRow())!.content).gotLucky).toEqual(['Alice was awake']);
    t.slack.closeView(alice, aliceForm.id);
    t.slack.closeView(bob, bobForm.id);
  });

  it('catches a save over someone else’s even after the form was refreshed for an action item', async () => {
    const aliceForm = await openForm(alice);
    const bobForm = await openForm(bob);
    await t.driver.submitView({ user: bob, viewId: bobForm.id, fields: { pm_went_well: 'Bob wrote this' } });
    await waitForView(bobForm.id, 'Draft saved');
    await addItem(alice, aliceForm, { ai_description: 'Add config schema validation', ai_owner: bob, ai_due: nextWeek(), ai_type: 'prevent' });
    await waitForView(aliceForm.id, 'Add config schema validation');
    await t.driver.submitView({ user: alice, viewId: aliceForm.id, fields: { pm_went_well: 'Alice wrote this' } });
    await waitForView(aliceForm.id, 'after you opened it');
    expect(JSON.parse((await postmortemRow())!.content).wentWell).toEqual(['Bob wrote this']);
    t.slack.closeView(alice, aliceForm.id);
    t.slack.closeView(bob, bobForm.id);
  });

  it('does not publish notes nobody reviewed: a save after the review sends the author back to it', async () => {
    const aliceForm = await openForm(alice);
    await t.driver.submitView({ user: alice, viewId: aliceForm.id });
    await waitForView(aliceForm.id, 'Draft saved');
    const bobForm = await openForm(bob);
    await t.driver.submitView({ user: bob, viewId: bobForm.id, fields: { pm_went_wrong: 'Someone should have paged sooner' } });
    await waitForView(bobForm.id, 'Draft saved');
    await t.driver.submitView({ user: alice, viewId: aliceForm.id, fields: { pm_publish_anyway: ['accept'] } });
    await waitForView(aliceForm.id, 'after you reviewed it');
    expect(JSON.parse((await postmortemRow())!.overridden_notes!).map((n: { quote: string }) => n.quote)).not.toContain('should have');
    t.slack.closeView(alice, aliceForm.id);
    t.slack.closeView(bob, bobForm.id);
  });

  it('refuses edits from someone outside the incident channel', async () => {
    const dave = t.slack.addUser({ name: 'dave' }).id;
    const form = await commandOpeningModal(t, alice, channel.id, 'postmortem');
    const response = await submitAs(t, dave, {
      ...form,
      state: { values: { pm_summary: { pm_summary: { type: 'plain_text_input', value: 'Dave was here' } } } },
    });
    expect(response.status).toBe(200);
    await waitForView(form.id, "Only members of the incident's channel");
    expect(JSON.parse((await postmortemRow())!.content).summary).not.toContain('Dave');
    t.slack.closeView(alice, form.id);
  });
});

describe('post-mortem reminders', () => {
  it('nudge the commander and the channel once per due time until it is published', async () => {
    let offsetMs = 0;
    const t = await startTestBot({ clock: { now: () => new Date(Date.now() + offsetMs) }, jobs: { postmortemRemindersEveryMs: 30 } });
    try {
      const alice = t.slack.addUser({ name: 'alice' }).id;
      const ops = t.slack.addChannel({ name: 'ops', members: [alice] }).id;
      const { channel } = await declareThroughSlack(t, alice, ops, { title: 'Queue stuck', severity: 'SEV1' });
      await t.driver.command({ user: alice, channel: channel.id, text: 'resolve Drained the queue' });
      const nudges = () => t.slack.dm(alice).filter((m) => m.text.includes('post-mortem for *Queue stuck*'));
      await requestsFinished(t);
      await jobRan(t, 'postmortem-reminders');
      expect(nudges()).toEqual([]);

      offsetMs = 49 * 3_600_000;
      await waitFor(() => nudges().length === 1);
      await jobRan(t, 'postmortem-reminders');
      expect(nudges()).toHaveLength(1);
      expect(t.slack.botMessages(channel.id).filter((m) => m.text.includes("post-mortem was due"))).toHaveLength(1);

      offsetMs = 74 * 3_600_000;
      await waitFor(() => nudges().length === 2);
    } finally {
      await t.stop();
    }
  });

  it('are not owed for severities outside the policy, and private incidents are never published to the shared channel', async () => {
    const t = await startTestBot({ env: { POSTMORTEMS_CHANNEL: 'C0SHARED' } });
    try {
      const alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ops' }).id;
      const bob = t.slack.addUser({ name: 'bob', realName: 'Bob Builder' }).id;
      const ops = t.slack.addChannel({ name: 'ops', members: [alice, bob] }).id;
      const shared = t.slack.addChannel({ id: 'C0SHARED', name: 'postmortems', members: [t.slack.bot.userId] }).id;
      const { channel, row } = await declareThroughSlack(t, alice, ops, { title: 'Secret leak', severity: 'SEV4', private: true, responders: [bob] });
      await t.driver.command({ user: alice, channel: channel.id, text: 'resolve Rotated the key' });
      await waitFor(async () => {
        const stored = await t.bot.database.db.selectFrom('incidents').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
        return stored.status === 'resolved' && stored.postmortem_due_at === null;
      });
      const form = await commandOpeningModal(t, bob, channel.id, 'postmortem');
      await t.driver.submitView({
        user: bob,
        viewId: form.id,
        fields: {
          pm_summary: 'A key leaked in a log line.',
          pm_cause_avoid: 'Logs were not scrubbed',
          pm_cause_detect: 'No secret scanning on logs',
          pm_anonymise: ['anonymise'],
        },
      });
      await waitFor(() => (t.slack.view(form.id)?.submit ? true : undefined));
      await t.driver.submitView({ user: bob, viewId: form.id });
      await waitFor(() => visibleText(t.slack.view(form.id)).includes('Published in'));
      expect(t.slack.botMessages(shared)).toEqual([]);
      const text = t.slack.botMessages(channel.id).filter((m) => m.text.startsWith('Post-mortem:')).map((m) => visibleText(m)).join('\n');
      expect(text).toContain('*Commander*\nCommander');
      expect(text).toContain('Responder A');
      expect(text).not.toMatch(/Alice Ops|Bob Builder/);
    } finally {
      await t.stop();
    }
  });
});

describe('a very long post-mortem', () => {
  it('publishes 2,000 timeline entries and 100 action items within Slack limits, never refused', async () => {
    const t = await startTestBot();
    try {
      const alice = t.slack.addUser({ name: 'alice', realName: 'Alice Ops' }).id;
      const ops = t.slack.addChannel({ name: 'ops', members: [alice] }).id;
      const { channel, row } = await declareThroughSlack(t, alice, ops, { title: 'Marathon outage', severity: 'SEV3' });
      const db = t.bot.database.db;
      const start = Date.parse('2026-11-01T00:00:00Z');
      const now = new Date().toISOString();
      for (let batch = 0; batch < 4; batch += 1) {
        await db
          .insertInto('timeline_entries')
          .values(
            Array.from({ length: 500 }, (_, i) => ({
              id: randomUUID(),
              incident_id: row.id,
              kind: 'manual',
              occurred_at: new Date(start + (batch * 500 + i) * 60_000).toISOString(),
              actor_id: alice,
              text: `Step ${batch * 500 + i}: checked shard ${i} & restarted <worker> ${'detail '.repeat(12)}`,
              created_at: now,
            })),
          )
          .execute();
      }
      await db
        .insertInto('action_items')
        .values(
          Array.from({ length: 100 }, (_, i) => ({
            id: randomUUID(),
            incident_id: row.id,
            description: `Automate shard check ${i} with an alert`,
            owner_id: alice,
            due_date: '2099-01-01',
            type: 'detect',
            ticket_url: `https://tracker.example.com/OPS-${i}`,
            status: 'open',
            created_by: alice,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      await t.driver.command({ user: alice, channel: channel.id, text: 'resolve Done' });
      const form = await commandOpeningModal(t, alice, channel.id, 'postmortem');
      expect(visibleText(form)).toContain('Edit an item…');
      await t.driver.submitView({
        user: alice,
        viewId: form.id,
        fields: { pm_summary: 'Long.', pm_cause_avoid: 'Shards drifted', pm_cause_detect: 'No drift alert' },
      });
      await waitFor(() => (t.slack.view(form.id)?.submit ? true : undefined));
      await t.driver.submitView({ user: alice, viewId: form.id });
      await waitFor(() => visibleText(t.slack.view(form.id)).includes('Published in'), { timeoutMs: 20_000 });
      const parts = t.slack.botMessages(channel.id).filter((m) => m.text.startsWith('Post-mortem:'));
      // Split to Slack's limits, but bounded: the whole timeline is in the attached file.
      expect(parts.length).toBeGreaterThan(1);
      expect(parts.length).toBeLessThanOrEqual(MAX_POSTMORTEM_MESSAGES);
      expect(parts[0]!.text).toMatch(/\(part 1 of \d+\)/);
      const all = parts.map((m) => visibleText(m)).join('\n');
      expect(all).toMatch(/[\d,]+ more entries are in the attached Markdown file/);
      expect(all).toContain('Step 0:');
      expect(all).toContain('Automate shard check 99');
      expect(t.slack.callsTo('chat.postMessage').filter((c) => !c.ok)).toEqual([]);
      expect(String(t.slack.files()[0]!.text)).toContain('Step 1999:');
    } finally {
      await t.stop();
    }
  }, 60_000);
});
