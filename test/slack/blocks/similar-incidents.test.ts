import type { Incident } from '../../../src/incidents/incident';
import { EMPTY_CONTENT } from '../../../src/postmortems/postmortem';
import { unsavedPostmortem } from '../../../src/postmortems/postmortem-mapper';
import { postmortemModal } from '../../../src/slack/blocks/postmortem-modal';
import { relatedIncidentsBlocks } from '../../../src/slack/blocks/related-incidents-input';
import { reasonWords, similarIncidentsMessage } from '../../../src/slack/blocks/similar-incidents';
import { readPostmortemForm } from '../../../src/slack/parse/postmortem-form';
import { checkBlocks, checkView } from '../../../tools/fake-slack';
import { item } from '../../../tools/harness/postmortem-fixture';
import { pastIncident, similarIncident } from '../../../tools/harness/past-incident-fixture';
import { visibleText } from '../../../tools/harness/visible-text';

describe('the similar incidents message', () => {
  it('shows each with its severity, day, post-mortem, channel, items and why, asking whether the last fix worked', () => {
    const message = similarIncidentsMessage([similarIncident()]);
    expect(checkBlocks(message.blocks, 'message')).toEqual([]);
    const text = visibleText(message);
    expect(text).toContain('A past incident looks like this one. Did the last fix work?');
    expect(text).toContain('*Checkout API returning 502s* · SEV2 · <!date^1790863200^{date_short_pretty}|2026-10-01 14:00 UTC>');
    expect(text).toContain('<https://acme.slack.com/archives/C0PAST/p1700000000000100|post-mortem>');
    expect(text).toContain('<https://github.com/acme/postmortems/blob/main/incidents/2026/10/20261001-checkout/README.md|in the repository>');
    expect(text).toContain('<#C0PAST>');
    expect(text).toContain("2 items: 1 verified, 1 won't do");
    expect(text).toContain('_Similar: alert HighErrorRate, similar title_');
    expect(message.text).toBe('Similar past incidents: Checkout API returning 502s');
  });

  it('escapes what people and alert rules wrote, and says where there is no post-mortem yet', () => {
    const hostile = similarIncident({
      title: '<!channel> <https://evil|bank> & more',
      postmortem: { published: false, messageUrl: null, fileUrl: null },
      reasons: [{ kind: 'tags', names: ['<b>', 'x', 'y', 'z'] }, { kind: 'groups', names: [] }],
    });
    const text = visibleText(similarIncidentsMessage([hostile, similarIncident({ id: 'p2' })]));
    expect(text).toContain('2 past incidents look like this one');
    expect(text).toContain('*&lt;!channel&gt; &lt;https://evil|bank&gt; &amp; more*');
    expect(text).toContain('post-mortem not published');
    expect(text).toContain('tags &lt;b&gt;, x, y…, same alert group');
    expect(text).not.toMatch(/<!channel>|<https:\/\/evil/);
  });

  it('names each kind of reason in words', () => {
    expect(reasonWords([{ kind: 'groups', names: [] }, { kind: 'services', names: ['checkout'] }, { kind: 'body', names: [] }])).toBe(
      'same alert group, service checkout, similar description',
    );
  });
});

describe('related incidents in the post-mortem form', () => {
  const incident = { id: 'i1', title: 'Checkout down', channelId: 'C1' } as Incident;

  it('ticks the chosen ones, cuts long titles to what Slack shows, and is left out when there is nothing to offer', () => {
    const long = pastIncident({ id: 'long', title: 'T'.repeat(150) });
    const [block] = relatedIncidentsBlocks({ options: [pastIncident(), long], checked: ['long'] });
    expect(block?.block_id).toBe('pm_related');
    const element = block?.element as { options: Array<{ text: { text: string }; description: { text: string }; value: string }>; initial_options: unknown[] };
    expect(element.options.map((o) => o.value)).toEqual(['past-1', 'long']);
    expect(element.options[1]?.text.text).toHaveLength(75);
    expect(element.options[0]?.description.text).toBe("SEV2 · 2026-10-01 · 2 items: 1 verified, 1 won't do");
    expect(element.initial_options).toEqual([element.options[1]]);
    expect(relatedIncidentsBlocks({ options: [], checked: [] })).toEqual([]);
    expect(relatedIncidentsBlocks(null)).toEqual([]);
  });

  it('keeps the form a valid modal with a hundred action items and ten related incidents', () => {
    const options = Array.from({ length: 10 }, (_, i) => pastIncident({ id: `p${i}`, title: `${'&<>'.repeat(60)}${i}` }));
    const items = Array.from({ length: 100 }, (_, i) => item(i));
    const view = postmortemModal(incident, unsavedPostmortem('i1'), EMPTY_CONTENT, items, { notice: 'n', related: { options, checked: ['p1'] } });
    expect(checkView(view, ['modal'])).toEqual([]);
  });

  it('reads back the ones left ticked, and nothing chosen when the form offered none', () => {
    const values = { pm_related: { pm_related: { type: 'checkboxes', selected_options: [{ value: 'p2' }, { value: 'p1' }] } } };
    expect(readPostmortemForm(values).relatedIncidentIds).toEqual(['p2', 'p1']);
    expect(readPostmortemForm({ pm_related: { pm_related: { type: 'checkboxes', selected_options: [] } } }).relatedIncidentIds).toEqual([]);
    expect(readPostmortemForm({}).relatedIncidentIds).toBeNull();
  });
});
