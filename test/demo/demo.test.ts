import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { type PlayResult, playIncident } from '../../demo/play-incident';
import { blockKitBuilderLink } from '../../demo/write-output';
import { decodePng } from '../charts/read-chart';

const CHANNEL = '#inc-20260512-checkout-api-returning-502s';

describe('the demo (`npm run demo`)', () => {
  let outputDir: string;
  let result: PlayResult;

  /** What people saw during the step whose heading contains `fragment`. */
  const seen = (fragment: string): string => {
    const step = result.steps.find((s) => s.heading.includes(fragment));
    if (!step) throw new Error(`No step about "${fragment}" in:\n${result.steps.map((s) => s.heading).join('\n')}`);
    return step.lines.join('\n');
  };
  const stepIndex = (fragment: string) => result.steps.findIndex((s) => s.heading.includes(fragment));

  beforeAll(async () => {
    outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-demo-'));
    result = await playIncident({ outputDir });
  }, 60_000);
  afterAll(() => fs.rmSync(outputDir, { recursive: true, force: true }));

  it('plays every step, in order, without the bot logging an error', () => {
    const order = [
      'Alertmanager sends',
      'Maya clicks Declare incident on the alert',
      'fills in the form and clicks Declare',
      'Maya reacts :pushpin:',
      '/incident severity SEV1',
      'Priya corrects the time',
      '/incident status identified',
      'Dev takes his :pushpin: off',
      '/incident status monitoring',
      'Alertmanager reports',
      'status page',
      '/incident timeline` to check it',
      '/incident resolve',
      'asks each participant for their account',
      'Priya clicks “Write my account”',
      'Dev clicks “Write my account”',
      'clicks “Edit my account”',
      '/incident postmortem',
      '“Save and review”',
      '“Back to editing”',
      'saves again',
      '/incident review 2026-05-15 15:00',
      'clicks Publish',
      'until a reminder goes out',
      'until the next reminder goes out',
      '“Mark done”',
      'Sam’s reminder',
    ].map(stepIndex);
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(result.transcript.join('\n')).toContain('── Tue 12 May, 13:51 UTC');
    expect(result.errorLogs).toEqual([]);
  });

  it('declares: the form, then the channel with its people, card, topic and announcement', () => {
    const offer = seen('Alertmanager sends');
    expect(offer).toContain('*Alert firing:* checkout-api 5xx rate above 5% for 4 minutes');
    expect(offer).toContain('[Declare incident] [Not an incident]');
    const form = seen('Maya clicks Declare incident on the alert');
    expect(form).toContain('Maya Keller sees a modal “Declare an incident”');
    expect(form).toContain('Impact started at (optional): [2026-05-12T13:47Z]');
    const declared = seen('fills in the form and clicks Declare');
    expect(declared).toContain(`✚ ${CHANNEL} created (public channel)`);
    for (const person of ['Maya Keller', 'Dev Rao', 'Priya Nair']) expect(declared).toContain(`· @${person} has joined the channel`);
    expect(declared).toContain('set the channel topic: SEV2 · Investigating · Checkout API returning 502s');
    expect(declared).toContain('▌SEV2: Checkout API returning 502s');
    expect(declared).toContain("📌 pinned to the channel: incident-bot's message");
    expect(declared).toMatch(/#incidents\n(?:.*\n)*.*incident-bot:\n.*SEV2\* · Investigating — \*Checkout API returning 502s\*/);
    expect(declared).toContain('is declared as *SEV2*');
  });

  it('puts pinned messages on the timeline, follows an edit, and drops an unpinned one', () => {
    expect(seen('Maya reacts :pushpin:')).toContain("incident-bot reacted :memo: to Priya Nair's message from 14:06");
    expect(seen('Priya corrects the time')).toContain('Priya Nair edited their message from 14:06');
    expect(seen('Dev takes his :pushpin: off')).toContain('incident-bot removed :memo: from Dev Rao');

    const timeline = seen('/incident timeline` to check it');
    expect(timeline).toContain('sees a modal “Incident timeline”');
    expect(timeline).toContain('since 13:46 (not 13:48, checked the graph)');
    expect(timeline).not.toContain('since 13:48.');
    expect(timeline).toContain('Rolling back #4821 now.');
    expect(timeline).not.toContain('Hypothesis');
    // The alert, written in afterwards, comes before the declaration.
    expect(timeline.indexOf('Alert *CheckoutHighErrorRate* fired')).toBeLessThan(timeline.indexOf('declared the incident'));
  });

  it('changes severity and status, and takes detection and the alert times from the alert', () => {
    const severity = seen('/incident severity SEV1');
    expect(severity).toContain('changed the severity from *SEV2* to *SEV1*');
    expect(severity).toContain('set the channel topic: SEV1 · Investigating');
    expect(severity).toContain('+ :red_circle: *SEV1* · Investigating — *Checkout API returning 502s*');
    expect(seen('/incident status identified')).toContain('from *Investigating* to *Identified*');
    const monitoring = seen('/incident status monitoring');
    expect(monitoring).toContain('from *Identified* to *Monitoring*');
    expect(monitoring).toContain('+ *Mitigated:*');

    const declared = seen('fills in the form and clicks Declare');
    expect(declared).toContain('*Detected:* May 12 at 13:51 UTC');
    expect(declared).toContain('*Alerts:* 1 firing, 0 resolved');
    expect(declared).toContain('+ :link: Declared: #inc-20260512-checkout-api-returning-502s');
    const resolved = seen('Alertmanager reports');
    expect(resolved).toContain('Alert *CheckoutHighErrorRate* resolved May 12 at 14:31 UTC');
    expect(resolved).toContain('*All alerts resolved* — resolve the incident?');
    const entry = seen('status page was updated');
    expect(entry).toContain('only Maya Keller sees');
    expect(entry).toContain('Added to the timeline at May 12 at 16:12 CEST');
  });

  it('resolves with the note', () => {
    const resolved = seen('/incident resolve');
    expect(resolved).toContain('resolved the incident: Rolled back the connection-pool change');
    expect(resolved).toContain('+ *Resolution:* Rolled back the connection-pool change');
  });

  it('writes the post-mortem: action items DMed, a blameless note raised then gone, then published', () => {
    expect(seen('/incident postmortem')).toContain('sees a modal “Post-mortem”');
    const items = result.steps.filter((s) => s.heading.includes('clicks Add')).map((s) => s.lines.join('\n'));
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('DM between incident-bot and Dev Rao (times in America/New_York)');
    expect(items[1]).toContain('DM between incident-bot and Priya Nair (times in Asia/Kolkata)');
    for (const dm of items) expect(dm).toContain('You own a new action item');

    const firstSave = seen('“Save and review”');
    expect(firstSave).toContain('The blameless review has 1 note');
    expect(firstSave).toContain('“should have”');
    expect(seen('“Back to editing”')).toContain('Dev should have checked the pool size');
    const secondSave = seen('saves again');
    expect(secondSave).toContain('The blameless review found nothing to change');
    expect(secondSave).not.toContain('blameless review has');

    const published = seen('clicks Publish');
    expect(published).toContain(`Published in ${CHANNEL} and #postmortems`);
    expect(published).toContain('▌Post-mortem: Checkout API returning 502s');
    expect(published).toMatch(/#postmortems\n.*incident-bot:/);
    expect(published).toContain('📎 incidents/2026/05/20260512-checkout-api-returning-502s/README.md');
    expect(published).toContain('+ :red_circle: *SEV1* · Post-mortem published');
  });

  it("reminds each owner at 09:00 in their own zone, and shows an item marked done everywhere", () => {
    const first = seen('until a reminder goes out');
    expect(first).toContain('DM between incident-bot and Priya Nair (times in Asia/Kolkata)');
    expect(first).toContain('Thu 09:00 IST (03:30 UTC)  incident-bot:');
    expect(first).toContain('Your action item is due today');
    const second = seen('until the next reminder goes out');
    expect(second).toContain('DM between incident-bot and Dev Rao (times in America/New_York)');
    expect(second).toContain('Thu 09:00 EDT (13:00 UTC)  incident-bot:');

    const done = seen('“Mark done”');
    expect(done).toContain('+ :white_check_mark: Done by @Dev Rao');
    expect(done).toContain('− [Mark done] [Snooze 1 day] [Snooze 1 week]');
    expect(done).toContain('@Dev Rao marked an action item done');
    expect(done).toContain(':white_check_mark: done');
  });

  it('asks each participant for an account; one is written with a name, one anonymously, and both are published', () => {
    expect(result.transcript.join('\n')).toContain('Asked: Maya Keller, Dev Rao, Priya Nair. Nobody else, and never a bot.');
    expect(seen('Priya clicks “Write my account”')).toContain('Your account');
    // Dev's first draft blamed himself; the note was gentle, and he rewrote it.
    expect(seen('Dev writes it and saves')).toContain('I should have');
    expect(seen('says what pointed him where')).not.toContain('I should have');
    const published = seen('clicks Publish');
    expect(published).toContain('*Perspectives (2)*');
    expect(published).toContain('*Priya Nair*');
    expect(published).toContain('*Responder A*');
    expect(published).toMatch(/Priya Nair\* _\(recalled\)_: connection waits on orders-db/);
    const markdown = fs.readFileSync(path.join(outputDir, 'postmortem.md'), 'utf8');
    expect(markdown).toContain('### Priya Nair');
    expect(markdown).toContain('### Responder A');
    // Priya wrote 19:22 in Kolkata: 13:52 UTC on the timeline.
    expect(markdown).toContain('- **2026-05-12 13:52** Priya Nair _(recalled)_: connection waits on orders-db jumped from 0 to 40 per pod');
    expect(markdown).not.toMatch(/Dev Rao[^\n]*suspected the cache node/);
  });

  it('schedules the review meeting in Maya’s zone, invites everyone once, and reminds Sam on the day', () => {
    const invitation = seen('/incident review 2026-05-15 15:00');
    expect(invitation).toContain('*When:* Friday, May 15, 2026 at 13:00 UTC (15:00 Europe/Berlin)');
    expect(invitation).toContain('*Facilitator:* @Sam Taylor');
    expect(invitation).toContain('*Invited:* @Maya Keller, @Dev Rao, @Priya Nair');
    expect(seen('Sam’s reminder')).toContain('You facilitate the post-mortem review');
    expect(seen('07:30 UTC: nothing yet')).toBe('');
    const markdown = fs.readFileSync(path.join(outputDir, 'postmortem.md'), 'utf8');
    expect(markdown).toContain('| Review meeting | 2026-05-15 15:00 Europe/Berlin (13:00 UTC) |');
  });

  it('writes the Markdown file: front matter, then every section of the post-mortem layout', () => {
    expect(result.outputDir).toBe(outputDir);
    const markdown = fs.readFileSync(path.join(outputDir, 'postmortem.md'), 'utf8');
    const front = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(markdown)![1]!) as Record<string, unknown>;
    expect(front).toMatchObject({
      title: 'Checkout API returning 502s',
      severity: 'SEV1',
      status: 'published',
      impact_started: '2026-05-12T13:46:00Z',
      detected: '2026-05-12T13:51:00Z',
      mitigated: '2026-05-12T14:26:00Z',
      resolved: '2026-05-12T14:42:00Z',
      impact_minutes: 40,
      ttd_minutes: 5,
      ttm_minutes: 35,
      ttr_minutes: 51,
      tags: ['checkout', 'database', 'config'],
      authors: ['Maya Keller'],
    });
    expect(front.channel).toMatch(/^https:\/\/[^/]+\/archives\/C[A-Z0-9]+$/);
    for (const line of [
      '# Checkout API returning 502s',
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
      '## Lessons Learned',
      '### What went well',
      '### What went wrong',
      '### Where we got lucky',
      '## Timeline',
      'All times UTC.',
      '## Supporting information',
      '| Moment | Time (UTC) |',
      '| Measure | From → to | Duration |',
      '| Impact duration | impact started → mitigated | 40 min |',
      '| Time to resolve | detected → resolved | 51 min |',
      '| Detail | Value |',
      '| Severity | SEV1 |',
    ]) {
      expect(markdown).toContain(`\n${line}\n`);
    }
    expect(markdown).toContain('## Resolution\n\nRolled back the connection-pool change\n');
    expect(markdown).toContain('**Owner:** Dev Rao · **Due:** 2026-05-14 · **Type:** Prevent · **Status:** open · **Ticket:** [OPS-4821](https://tracker.example.com/OPS-4821)');
    expect(markdown).toContain(
      'All times UTC.\n\n- **2026-05-12 13:46** **Impact started.**\n- **2026-05-12 13:47** Alert CheckoutHighErrorRate fired (alertmanager): checkout-api 5xx rate above 5% for 4 minutes\n',
    );
    expect(markdown).toContain('change #4821 lowered the DB pool');
    expect(markdown).not.toMatch(/&(?:lt|gt|amp);|\| \| \||<https?:/);
    expect(markdown).not.toContain('should have');
  });

  it('writes each published message as Block Kit within Slack limits, with a Block Kit Builder link', () => {
    const files = fs.readdirSync(path.join(outputDir, 'messages')).sort();
    expect(files).toEqual(['01-inc-20260512-checkout-api-returning-502s.json', '02-postmortems.json']);
    const links = fs.readFileSync(path.join(outputDir, 'block-kit-builder-links.md'), 'utf8');
    for (const file of files) {
      const message = JSON.parse(fs.readFileSync(path.join(outputDir, 'messages', file), 'utf8')) as { blocks: unknown[] };
      expect(Array.isArray(message.blocks)).toBe(true);
      expect(message.blocks.length).toBeGreaterThan(0);
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      expect(links).toContain(blockKitBuilderLink(message.blocks as Array<Record<string, unknown>>));
    }
    const written = [...links.matchAll(/<(https:\/\/app\.slack\.com\/block-kit-builder#[^>\s]+)>/g)].map((m) => m[1]!);
    expect(written).toHaveLength(files.length);
    for (const link of written) expect(JSON.parse(decodeURIComponent(link.split('#')[1]!))).toHaveProperty('blocks');
  });

  it('commits the post-mortem to the team’s repository, then its update when the action item is done', () => {
    const transcript = result.transcript.join('\n');
    expect(transcript).toMatch(/\$ git log --oneline\n(\s+\w+ docs\(incidents\): update post-mortem for 20260512-checkout-api-returning-502s\n)+\s+\w+ docs\(incidents\): add post-mortem for 20260512-checkout-api-returning-502s/);
    expect(transcript).toContain('incidents/2026/05/20260512-checkout-api-returning-502s/README.md');
    expect(transcript).toContain('incidents/README.md');
    const committed = fs.readFileSync(path.join(outputDir, 'postmortems-repo', 'incidents', '2026', '05', '20260512-checkout-api-returning-502s', 'README.md'), 'utf8');
    // The file in git is the current post-mortem: the item Dev marked done is ticked there.
    expect(committed).toContain('- [x] Add a CI check that rejects DB pool sizes below the load-tested minimum');
    // …with its issue, and verified a month later.
    expect(committed).toMatch(/\*\*Issue:\*\* \[acme\/checkout#[12]\]\(/);
    expect(committed).toContain('**Status:** done → verified');
    expect(committed).toContain('Every action item is done and verified to work.');
    expect(fs.readFileSync(path.join(outputDir, 'postmortems-repo', 'incidents', 'README.md'), 'utf8')).toContain('Checkout API returning 502s');
  });

  it('files each action item in GitHub, closes one from Slack, follows one closed in GitHub, and verifies both a month later', () => {
    const transcript = result.transcript.join('\n');
    // The two issues are filed side by side: which gets #1 may differ from run to run.
    expect(transcript).toMatch(/GitHub acme\/checkout#[12] “Add a CI check that rejects DB pool sizes below the load-tested minimum”, assigned to @dev-rao, labels incident, sev1, prevent/);
    expect(transcript).toMatch(/GitHub acme\/checkout#[12] “Alert when orders-db connection use stays above 90% for 2 minutes”, assigned to @priya-n, labels incident, sev1, detect/);
    expect(transcript).toMatch(/GitHub acme\/checkout#[12] closed by the bot as completed, with the comment “Marked done in Slack by Dev Rao.”/);
    expect(transcript).toMatch(/An action item was closed in GitHub by @priya-n: marked done \(acme\/checkout#[12]\)/);
    // Asked at 09:00 in each owner's zone, thirty days after it was done: Priya in Kolkata first, then Dev in New York.
    const priyaAsked = transcript.indexOf('09:00 IST (03:30 UTC)  incident-bot:\n      │ :mag: *Is this countermeasure working?*');
    const devAsked = transcript.indexOf('09:00 EDT (13:00 UTC)  incident-bot:\n      │ :mag: *Is this countermeasure working?*');
    expect(priyaAsked).toBeGreaterThan(transcript.indexOf('a month later'));
    expect(devAsked).toBeGreaterThan(priyaAsked);
    expect(transcript).toContain(':white_check_mark: _Every action item is done and verified to work._');
  });

  it('writes the phase chart it published and a picture of the post-mortem in Slack’s layout, both PNGs that decode', () => {
    const chart = decodePng(fs.readFileSync(path.join(outputDir, 'phase-chart.png')));
    expect(chart.width).toBe(1200);
    expect(fs.readFileSync(path.join(outputDir, 'postmortem.md'), 'utf8')).toContain('![Phase chart](phase-chart.png)');
    const picture = decodePng(fs.readFileSync(path.join(outputDir, 'postmortem-in-slack.png')));
    expect(picture.width).toBe(960);
    expect(picture.height).toBeGreaterThan(600);
  });
});
