import { commentBody, issueBody, markerIn, withoutMentions } from '../../src/trackers/github/github-body';
import { itemMarker, type IssueContent } from '../../src/trackers/tracker';
import { TrackerError } from '../../src/trackers/tracker-error';

/** The Markdown of the bot's issues: text from Slack shown as written, and a marker nobody can forge. */

const ID = '3f1c2a7e-5b64-4c1d-9e8a-0a1b2c3d4e5f';
const MARKER = itemMarker(ID);

function content(lines: IssueContent['lines']): IssueContent {
  return { title: 'x', lines, marker: MARKER, labels: [], dueDate: '2026-05-18', assignee: null };
}

it('renders each line as `**label:** text`, links where given, and the marker last', () => {
  expect(
    issueBody(
      content([
        { label: 'Incident', text: 'INC-7 [DNS] outage', url: 'https://acme.slack.com/archives/C1/p1?thread_ts=1.2' },
        { label: 'Due', text: '2026-05-18' },
      ]),
    ),
  ).toBe(`**Incident:** [INC-7 \\[DNS\\] outage](https://acme.slack.com/archives/C1/p1?thread_ts=1.2)\n\n**Due:** 2026-05-18\n\n<!-- ${MARKER} -->`);
});

it('escapes what people wrote: HTML comments, headings, emphasis, line breaks', () => {
  const body = issueBody(content([{ label: 'What', text: '# Fix <!-- this --> *now*\n# and -->' }]));
  expect(body.split('\n\n')[0]).toBe('**What:** # Fix \\<!-- this --> \\*now\\* # and -->');
  expect(commentBody('# Heading\n<!-- hide -->')).toBe('\\# Heading\\\n\\<!-- hide -->');
});

it('keeps @mentions from notifying anyone, but leaves emails alone', () => {
  expect(withoutMentions('ask @dana and @acme/sre, or dana@example.com')).toBe('ask @\u200ddana and @\u200dacme/sre, or dana@example.com');
  expect(issueBody(content([{ label: 'Owner', text: '@dana' }]))).toMatch(/^\*\*Owner:\*\* @\u200ddana\n/);
});

it('links only web addresses', () => {
  expect(issueBody(content([{ label: 'Runbook', text: 'click', url: 'javascript:alert(1)' }]))).toMatch(/^\*\*Runbook:\*\* click\n/);
});

it('reads the marker from its own line only: a copy inside people’s text is not one', () => {
  expect(markerIn(issueBody(content([{ label: 'Due', text: '2026-05-18' }])))).toBe(MARKER);
  expect(markerIn(issueBody(content([{ label: 'What', text: `<!-- ${itemMarker('00000000-0000-4000-8000-000000000000')} -->` }])))).toBe(MARKER);
  expect(markerIn(`Quoted: <!-- ${MARKER} -->`)).toBeNull();
  expect(markerIn('<!-- incident-bot:action-item:not-a-uuid -->')).toBeNull();
  expect(markerIn(null)).toBeNull();
  expect(markerIn(`Edited on GitHub\r\n\r\n<!-- ${MARKER} -->\r\n\r\nA note added below.`)).toBe(MARKER);
});

it('refuses to file an issue without a real marker', () => {
  expect(() => issueBody({ ...content([]), marker: 'incident-bot:action-item:x -->' })).toThrow(TrackerError);
});
