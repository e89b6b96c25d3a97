import { postmortemMessages } from '../../src/render/postmortem-blocks';
import { postmortemMarkdown } from '../../src/render/postmortem-markdown';
import { relatedIncidentsMarkdown, relatedIncidentsMrkdwn } from '../../src/render/related-incidents';
import { checkBlocks } from '../../tools/fake-slack';
import { doc, entries, item } from '../../tools/harness/postmortem-fixture';
import { pastIncident } from '../../tools/harness/past-incident-fixture';
import { visibleText } from '../../tools/harness/visible-text';

describe('related incidents in the published post-mortem', () => {
  const related = [
    pastIncident(),
    pastIncident({
      id: 'p2',
      title: 'Orders *db* | [failover] <!here>',
      severity: 'SEV3',
      postmortem: { published: false, messageUrl: null, fileUrl: null },
      items: { total: 0, counts: {} },
    }),
  ];
  const withRelated = { ...doc(entries(4), [item(1)]), related };

  it('lists them in Slack after the action items, each with where to read it and what became of its items', () => {
    const text = postmortemMessages(withRelated).map((m) => visibleText(m)).join('\n');
    expect(text).toContain('*Related incidents (2)*');
    expect(text).toContain(
      "• *Checkout API returning 502s* · SEV2 · <!date^1790863200^{date_short_pretty}|2026-10-01 14:00 UTC> · <https://acme.slack.com/archives/C0PAST/p1700000000000100|post-mortem> · <https://github.com/acme/postmortems/blob/main/incidents/2026/10/20261001-checkout/README.md|in the repository> · <#C0PAST> — 2 items: 1 verified, 1 won't do",
    );
    expect(text).toContain('*Orders *db* | [failover] &lt;!here&gt;* · SEV3');
    expect(text).toContain('post-mortem not published');
    expect(text.indexOf('Action items (1)')).toBeLessThan(text.indexOf('Related incidents'));
    for (const message of postmortemMessages(withRelated)) expect(checkBlocks(message.blocks, 'message')).toEqual([]);
  });

  it('lists them in Markdown after the action items, linking the file in the repository first', () => {
    const markdown = postmortemMarkdown(withRelated);
    expect(markdown).toContain(
      "## Related Incidents\n\nPast incidents like this one, and what became of their action items.\n\n- **Checkout API returning 502s** (SEV2, 2026-10-01) — [post-mortem](https://github.com/acme/postmortems/blob/main/incidents/2026/10/20261001-checkout/README.md) · 2 items: 1 verified, 1 won't do",
    );
    expect(markdown).toContain('- **Orders \\*db\\* \\| \\[failover\\] \\<!here>** (SEV3, 2026-10-01) — #inc-20261001-checkout-api-returning-502s · No action items');
    expect(markdown.indexOf('## Action Items')).toBeLessThan(markdown.indexOf('## Related Incidents'));
    expect(markdown.indexOf('## Related Incidents')).toBeLessThan(markdown.indexOf('## Lessons Learned'));
  });

  it('links the Slack message when the post-mortem is not in a repository, and shows nothing when none was kept', () => {
    const inSlack = pastIncident({ postmortem: { published: true, messageUrl: 'https://acme.slack.com/archives/C0PAST/p1', fileUrl: 'incidents/2026/10/x/README.md' } });
    expect(relatedIncidentsMarkdown({ related: [inSlack] })[0]).toContain('[post-mortem](https://acme.slack.com/archives/C0PAST/p1)');
    expect(relatedIncidentsMrkdwn({ related: [inSlack] })).not.toContain('in the repository');
    expect(relatedIncidentsMrkdwn({})).toBeNull();
    expect(relatedIncidentsMarkdown({ related: [] })).toEqual([]);
    const plain = doc(entries(4), [item(1)]);
    expect(postmortemMarkdown(plain)).not.toContain('Related Incidents');
    expect(postmortemMessages(plain).map((m) => visibleText(m)).join('\n')).not.toContain('Related incidents');
  });
});
