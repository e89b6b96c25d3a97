import type { Incident } from '../../../src/incidents/incident';
import type { ManualEntry } from '../../../src/timeline/timeline-entry';
import { quoteSlackText } from '../../../src/mrkdwn/escape';
import { addEntryModal, deleteEntryModal, editEntryModal, pickIncidentModal } from '../../../src/slack/blocks/timeline-entry-modals';
import { TIMELINE_PAGE_SIZE, entryText, gapsBetween, timelineView } from '../../../src/slack/blocks/timeline-view';
import { slackTsToDate } from '../../../src/slack/parse/slack-ts';
import { slackTextFromTyped, typedFromSlackText } from '../../../src/slack/parse/channel-message';
import { checkView } from '../../../tools/fake-slack';
import { visibleText } from '../../../tools/harness/visible-text';

const incident = { id: 'i1', title: 'Checkout <errors>', severity: 'SEV2', channelId: 'C1' } as Incident;
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 22, 10, 0) + minutes * 60_000);
const base = { incidentId: 'i1', actorId: 'U1', editedAt: null, editedBy: null };

function manual(id: string, minutes: number, text = `entry ${id}`): ManualEntry {
  return { ...base, id, kind: 'manual', occurredAt: at(minutes), text, milestone: null };
}

describe('entryText', () => {
  it('quotes a captured message with mentions intact but broadcasts defused', () => {
    const text = entryText({
      ...base,
      id: 'm',
      kind: 'message',
      occurredAt: at(0),
      authorId: 'U2',
      text: '<!channel> rollback now &lt;3 <@U3> <!subteam^S1|@oncall>',
      source: { channelId: 'C1', ts: '1.2' },
      permalink: 'https://x.slack.com/archives/C1/p12',
      filesNote: '1 file: a.png',
    });
    expect(text).toContain('<@U2>: @channel rollback now &lt;3 <@U3> @oncall');
    expect(text).toContain('<https://x.slack.com/archives/C1/p12|view message>');
    expect(text).toContain('1 file: a.png');
    expect(text).not.toMatch(/<!(channel|here|everyone|subteam)/);
  });

  it('escapes hand-written text and names the milestone', () => {
    const text = entryText({ ...manual('a', 0, 'Alert <fired> & paged'), milestone: 'detected' });
    expect(text).toContain('*[Detected]* Alert &lt;fired&gt; &amp; paged');
  });
});

describe('quoteSlackText', () => {
  it('keeps user mentions and links, defuses every broadcast', () => {
    expect(quoteSlackText('<!here|here> <!everyone> <@U1> <https://a.b|a>')).toBe('@here @everyone <@U1> <https://a.b|a>');
  });
});

describe('gapsBetween', () => {
  it('finds the longest silences', () => {
    const entries = [manual('a', 0), manual('b', 5), manual('c', 125), manual('d', 126), manual('e', 186)];
    const { gaps, longest } = gapsBetween(entries);
    expect(gaps).toEqual([0, 5 * 60_000, 120 * 60_000, 60_000, 60 * 60_000]);
    expect([...longest].sort()).toEqual([1, 2, 4]);
  });
});

describe('timelineView', () => {
  it('pages a long timeline, each page a valid modal, the last page by default', () => {
    const entries = Array.from({ length: 500 }, (_, i) => manual(String(i), i * (i % 7 === 0 ? 30 : 3), `entry ${i} ${'x'.repeat(2900)}`));
    const pages = Math.ceil(500 / TIMELINE_PAGE_SIZE);
    const last = timelineView(incident, entries);
    expect(visibleText(last)).toContain(`Page ${pages} of ${pages}`);
    for (let page = 0; page < pages; page += 1) {
      expect(checkView(timelineView(incident, entries, page), ['modal'])).toEqual([]);
    }
    expect(visibleText(timelineView(incident, entries, 0))).toContain('entry 0 ');
  });

  it('shows an empty timeline with a way to start it', () => {
    const view = timelineView(incident, []);
    expect(checkView(view, ['modal'])).toEqual([]);
    expect(visibleText(view)).toContain('Nothing yet');
  });
});

describe('entry modals', () => {
  it('are valid views', () => {
    const metadata = { incidentId: 'i1', timeZone: 'Europe/Paris' };
    const entry = manual('a', 0, 'x'.repeat(3000));
    for (const view of [
      addEntryModal(incident, { date: '2026-11-22', time: '10:00' }, metadata),
      editEntryModal(entry, { date: '2026-11-22', time: '10:00' }, { ...metadata, entryId: 'a' }),
      deleteEntryModal(entry, { ...metadata, entryId: 'a' }),
      pickIncidentModal([incident], { channelId: 'C9', ts: '1.2', authorId: 'U1', text: 'x'.repeat(2400), filesNote: null }),
      pickIncidentModal([], { channelId: 'C9', ts: '1.2', authorId: null, text: '', filesNote: null }),
    ]) {
      expect(checkView(view, ['modal'])).toEqual([]);
    }
  });
});

describe('slackTsToDate', () => {
  it('reads a message ts to the millisecond', () => {
    expect(slackTsToDate('1700000000.123456').toISOString()).toBe('2023-11-14T22:13:20.123Z');
    expect(slackTsToDate('1700000000.000100').getTime()).toBe(1_700_000_000_000);
  });
});

describe('carrying a message through the pick-incident modal', () => {
  it('stays within the 3000-character metadata however the text escapes in JSON', () => {
    const text = `"quoted"\n${'line "with" quotes\n'.repeat(200)}`;
    const view = pickIncidentModal([incident], { channelId: 'C9', ts: '1.2', authorId: 'U1', text, filesNote: '3 files: a, b, c' });
    expect(view.private_metadata!.length).toBeLessThanOrEqual(3000);
    expect(checkView(view, ['modal'])).toEqual([]);
    expect(JSON.parse(view.private_metadata!).text.endsWith('…')).toBe(true);
  });
});

describe('typed and Slack text', () => {
  it('round-trips what a person types, keeping mentions as mentions', () => {
    const typed = 'CPU <90%> & <@U123> said <https://evil|bank>';
    const slack = slackTextFromTyped(typed);
    expect(slack).toBe('CPU &lt;90%&gt; &amp; <@U123> said &lt;https://evil|bank&gt;');
    expect(typedFromSlackText(slack)).toBe(typed);
    expect(entryText({ ...base, id: 'm', kind: 'message', occurredAt: at(0), authorId: 'U2', text: slack, source: { channelId: 'C1', ts: '1.2' }, permalink: null, filesNote: null })).not.toContain('<https://evil');
  });
});
