import type { KnownBlock } from '@slack/types';
import { postmortemMessages } from '../../src/render/postmortem-blocks';
import type { MeetingDetails, PostmortemDocument } from '../../src/render/postmortem-document';
import { postmortemMarkdown } from '../../src/render/postmortem-markdown';
import { checkBlocks } from '../../tools/fake-slack';
import { doc, entries, item } from '../../tools/harness/postmortem-fixture';
import { readMarkdown } from './read-markdown';

/** 14:00 in Berlin on 8 December (13:00 UTC), led by Carol, everyone invited. */
const meeting: MeetingDetails = { startsAt: new Date('2026-12-08T13:00:00Z'), timeZone: 'Europe/Berlin', facilitatorId: 'U3', inviteeIds: ['U1', 'U2', 'U3'] };
const token = `<!date^${Date.UTC(2026, 11, 8, 13) / 1000}^{date_short_pretty} at {time}|2026-12-08 13:00 UTC>`;

const headerFields = (document: PostmortemDocument) => {
  const blocks = postmortemMessages(document).flatMap((m) => m.blocks);
  expect(checkBlocks(blocks, 'message')).toEqual([]);
  const fields = blocks.find((b: KnownBlock) => b.type === 'section' && b.fields) as { fields: Array<{ text: string }> };
  return fields.fields.map((f) => f.text);
};
const detailRows = (document: PostmortemDocument) => readMarkdown(postmortemMarkdown(document)).tables[2]!.slice(1);
const withDraft = (document: PostmortemDocument, draft: { facilitatorId: string | null; meetingDate: string | null }) => ({
  ...document,
  postmortem: { ...document.postmortem, content: { ...document.postmortem.content, ...draft } },
});

describe('the review meeting in Slack', () => {
  it('is a header field with its start in each reader’s own time, who facilitates and how many are invited', () => {
    const fields = headerFields(doc(entries(3), [item(1)], false, { meeting }));
    // With the tags, the tenth field: as many as Slack allows.
    expect(fields).toHaveLength(10);
    expect(fields[9]).toBe(`*Review meeting*\n${token} · facilitated by Carol · 3 invited`);
  });

  it('leaves out the facilitator and the invited when there are none', () => {
    const fields = headerFields(doc([], [], false, { meeting: { ...meeting, facilitatorId: null, inviteeIds: [] } }));
    expect(fields).toContain(`*Review meeting*\n${token}`);
  });

  it('names the facilitator by role when anonymised', () => {
    const fields = headerFields(doc([], [], true, { meeting }));
    expect(fields.find((f) => f.startsWith('*Review meeting*'))).toMatch(/ · facilitated by Responder [A-Z] · 3 invited$/);
    expect(fields.join('\n')).not.toMatch(/Alice|Bob|Carol/);
  });

  it('shows what the draft says until a meeting is scheduled', () => {
    expect(headerFields(doc([], []))).toContain('*Review meeting*\n2026-11-25 · facilitated by Carol');
    expect(headerFields(withDraft(doc([], []), { facilitatorId: 'U3', meetingDate: null }))).toContain('*Review meeting*\nNot scheduled yet · facilitated by Carol');
    expect(headerFields(withDraft(doc([], []), { facilitatorId: null, meetingDate: '2026-11-25' }))).toContain('*Review meeting*\n2026-11-25');
    expect(headerFields(withDraft(doc([], []), { facilitatorId: null, meetingDate: null })).join('\n')).not.toContain('Review meeting');
  });

  it('escapes the facilitator’s name', () => {
    const document = doc([], [], false, { meeting });
    const fields = headerFields({ ...document, person: (id) => (id === 'U3' ? 'Carol <!here> & co' : document.person(id)) });
    expect(fields).toContain(`*Review meeting*\n${token} · facilitated by Carol &lt;!here&gt; &amp; co · 3 invited`);
  });
});

describe('the review meeting in the Markdown file', () => {
  it('gives its start in its own zone and in UTC, its facilitator and everyone invited', () => {
    expect(detailRows(doc(entries(3), [], false, { meeting }))).toEqual([
      ['Severity', 'SEV2'],
      ['Incident commander', 'Alice Ops'],
      ['Facilitator', 'Carol'],
      ['Review meeting', '2026-12-08 14:00 Europe/Berlin (13:00 UTC)'],
      ['Invited', 'Alice Ops, Bob | Builder, Carol'],
      ['Tags', 'payments'],
      ['Channel', '#inc-20261122-payments-failing'],
    ]);
  });

  it('writes the UTC date too when it is another day there', () => {
    const tokyo = { ...meeting, startsAt: new Date('2026-12-08T23:00:00Z'), timeZone: 'Asia/Tokyo', facilitatorId: null, inviteeIds: [] };
    const rows = detailRows(doc([], [], false, { meeting: tokyo }));
    expect(rows).toContainEqual(['Review meeting', '2026-12-09 08:00 Asia/Tokyo (2026-12-08 23:00 UTC)']);
    expect(rows).toContainEqual(['Facilitator', '—']);
    expect(rows).toContainEqual(['Invited', '—']);
  });

  it('names people by role when anonymised', () => {
    const rows = detailRows(doc([], [], true, { meeting }));
    expect(JSON.stringify(rows)).not.toMatch(/Alice|Bob|Carol/);
    expect(rows.find((r) => r[0] === 'Invited')![1]).toMatch(/^Commander, Responder [A-Z], Responder [A-Z]$/);
  });

  it('shows what the draft says until a meeting is scheduled, with no Invited row', () => {
    const rows = detailRows(doc([], []));
    expect(rows).toContainEqual(['Facilitator', 'Carol']);
    expect(rows).toContainEqual(['Review meeting', '2026-11-25']);
    expect(rows.map((r) => r[0])).not.toContain('Invited');
  });

  it('is in the front matter as an instant in UTC, null until scheduled', () => {
    expect(readMarkdown(postmortemMarkdown(doc([], [], false, { meeting }))).frontMatter.review_meeting).toBe('2026-12-08T13:00:00Z');
    expect(readMarkdown(postmortemMarkdown(doc([], []))).frontMatter.review_meeting).toBeNull();
  });
});
