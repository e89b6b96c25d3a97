import type { Incident } from '../../../src/incidents/incident';
import { MATCH_END, MATCH_START } from '../../../src/search/match-marks';
import type { SearchHit } from '../../../src/search/search-incidents';
import { searchResults } from '../../../src/slack/blocks/search-results';
import { checkBlocks } from '../../../tools/fake-slack';
import { visibleText } from '../../../tools/harness/visible-text';

const incident = (overrides: Partial<Incident> = {}): Incident =>
  ({
    id: 'inc-1',
    title: 'Checkout <!channel> errors & timeouts',
    severity: 'SEV2',
    status: 'postmortem_published',
    isPrivate: false,
    channelId: 'C0INC',
    declaredAt: new Date('2026-03-04T05:06:00Z'),
    ...overrides,
  }) as Incident;

const hit = (overrides: Partial<SearchHit> = {}): SearchHit => ({
  incident: incident(),
  postmortem: 'published',
  matchedIn: ['title', 'causes'],
  snippet: `…the ${MATCH_START}retry${MATCH_END} flag <@U1> was & off…`,
  ...overrides,
});

describe('searchResults', () => {
  it('shows each incident with its state, date, channel, post-mortem and why it matched', () => {
    const message = searchResults('retry <b>', { kind: 'results', terms: ['retry', 'b'], hits: [hit()] });
    expect(checkBlocks(message.blocks, 'message')).toEqual([]);
    const text = visibleText(message);
    expect(text).toContain('Incidents matching “retry &lt;b&gt;”');
    expect(text).toContain(':large_orange_circle: *SEV2* · Post-mortem published — *Checkout &lt;!channel&gt; errors &amp; timeouts*');
    expect(text).toContain('Declared <!date^1772600760^{date_short_pretty} at {time}|2026-03-04 05:06 UTC> · <#C0INC> · :white_check_mark: Post-mortem published');
    expect(text).toContain('Matched in the title and the causes: …the *retry* flag &lt;@U1&gt; was &amp; off…');
    expect(text).not.toContain(MATCH_START);
    expect(message.text).toBe('1 incident matching “retry &lt;b&gt;”');
  });

  it('says where a title-only match was found, and the state of a post-mortem not yet published', () => {
    const message = searchResults('checkout', {
      kind: 'results',
      terms: ['checkout'],
      hits: [hit({ matchedIn: ['title'], snippet: null, postmortem: 'draft' }), hit({ postmortem: 'none', matchedIn: ['summary', 'tags', 'alerts'] })],
    });
    const text = visibleText(message);
    expect(text).toContain('Post-mortem in draft');
    expect(text).toContain('No post-mortem yet');
    expect(text).toMatch(/Matched in the title(\n|")/);
    expect(text).toContain('Matched in the summary, the tags and the alerts: ');
  });

  it('cuts a long passage, and says when only the best ten are shown', () => {
    const long = `${'word '.repeat(200)}${MATCH_START}needle${MATCH_END}`;
    const hits = Array.from({ length: 10 }, (_, i) => hit({ incident: incident({ id: `inc-${i}` }), snippet: long }));
    const message = searchResults('needle', { kind: 'results', terms: ['needle'], hits });
    expect(checkBlocks(message.blocks, 'message')).toEqual([]);
    const context = JSON.stringify(message.blocks[2]);
    expect(context.length).toBeLessThan(400);
    expect(visibleText(message)).toContain('The best 10 are shown');
  });

  it('says when nothing matched, and how to search when there was nothing to search for', () => {
    expect(searchResults('zebra', { kind: 'results', terms: ['zebra'], hits: [] }).text).toBe('No incidents you can see match “zebra”.');
    const usage = searchResults('', { kind: 'no_words' });
    expect(usage.text).toContain('`/incident search &lt;words&gt;`');
    expect(checkBlocks(usage.blocks, 'message')).toEqual([]);
  });
});
