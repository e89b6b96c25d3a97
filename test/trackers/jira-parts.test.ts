import { createHmac } from 'node:crypto';
import { adfFromText, issueDescription, markerIn } from '../../src/trackers/jira/jira-adf';
import { issueLabels, issueSummary, markerLabel } from '../../src/trackers/jira/jira-fields';
import { readErrorCollection } from '../../src/trackers/jira/jira-http';
import { stateOf } from '../../src/trackers/jira/jira-issue';
import { jqlDate, jqlString } from '../../src/trackers/jira/jira-jql';
import { closingMove, reopeningTransition, type JiraTransition } from '../../src/trackers/jira/jira-transitions';
import { sha256SignatureMatches as jiraSignatureMatches } from '../../src/trackers/webhook-signature';
import { itemMarker } from '../../src/trackers/tracker';
import { checkAdf } from '../../tools/fake-trackers/jira';
import { jqlInstant } from '../../tools/fake-trackers/jira/jira-time';

const marker = itemMarker('1a2b3c4d-0000-4000-8000-00000000abcd');

describe('Jira ADF', () => {
  it('renders lines Jira accepts: breaks inside a text, a line without a label or text, the marker last', () => {
    const doc = issueDescription(
      [
        { label: 'Notes', text: 'first\nsecond' },
        { label: '', text: 'no label', url: 'https://example.com/x' },
        { label: 'Empty', text: '' },
      ],
      marker,
    );
    expect(checkAdf(doc)).toEqual([]);
    expect(doc.content[0]?.content?.map((n) => n.type)).toEqual(['text', 'text', 'hardBreak', 'text']);
    expect(doc.content[1]?.content).toEqual([{ type: 'text', text: 'no label', marks: [{ type: 'link', attrs: { href: 'https://example.com/x' } }] }]);
    expect(markerIn(doc)).toBe(marker);
    expect(checkAdf(adfFromText('Closed.\n\nBy Dana.'))).toEqual([]);
  });

  it('finds no marker in a description without one, or none at all', () => {
    expect(markerIn(adfFromText('incident-bot:action-item:not-a-uuid'))).toBeNull();
    expect(markerIn(null)).toBeNull();
  });
});

describe('Jira fields', () => {
  it('labels without spaces, the poll label and the marker label, once each', () => {
    expect(issueLabels(['sev 1', 'incident', ' ', 'sev\t1'], marker)).toEqual(['sev-1', 'incident', 'incident-bot-item-1a2b3c4d']);
    expect(markerLabel('something else')).toMatch(/^incident-bot-item-[0-9a-f]{8}$/);
  });

  it('keeps a summary under the limit without splitting a surrogate pair', () => {
    const title = `${'a'.repeat(253)}😀😀😀`;
    const summary = issueSummary(title);
    expect(summary.length).toBeLessThanOrEqual(255);
    expect(summary).toBe(`${'a'.repeat(253)}…`);
    expect(issueSummary('  ')).toBe('Action item');
  });
});

describe('Jira JQL', () => {
  it('quotes values', () => {
    expect(jqlString('a "b" \\ c')).toBe('"a \\"b\\" \\\\ c"');
  });

  it('writes a bound that Jira reads at or before the instant, at most an hour and a minute before, across clock changes', () => {
    for (const zone of ['UTC', 'Europe/Paris', 'America/New_York', 'Pacific/Auckland', 'Asia/Kolkata']) {
      // Around the autumn and spring changes in both hemispheres, every 7 minutes.
      for (const start of ['2030-03-31T00:00:00Z', '2030-04-06T12:00:00Z', '2030-09-28T12:00:00Z', '2030-10-27T00:00:00Z', '2030-11-03T04:00:00Z']) {
        for (let t = Date.parse(start); t < Date.parse(start) + 4 * 3_600_000; t += 7 * 60_000) {
          const bound = jqlDate(new Date(t), zone);
          const read = jqlInstant(bound.slice(1, -1), zone, t);
          if (read === undefined) throw new Error(`${bound} in ${zone} is not a date`);
          expect([zone, read <= t]).toEqual([zone, true]);
          expect([zone, t - read <= 61 * 60_000]).toEqual([zone, true]);
        }
      }
    }
  });
});

describe('Jira transitions and states', () => {
  const to = (name: string, key: string) => ({ name, statusCategory: { key } });
  const workflow: JiraTransition[] = [
    { id: '11', name: 'Cancel', to: to('Cancelled', 'done') },
    { id: '21', name: 'Start', to: to('In Progress', 'indeterminate') },
    { id: '31', name: 'Finish', to: to('Shipped', 'done') },
    { id: '41', name: 'Back to backlog', to: to('Backlog', 'new') },
  ];

  it('picks the closing transition by category, and by name between done and not planned', () => {
    expect(closingMove(workflow, 'done')?.transition.id).toBe('31');
    expect(closingMove(workflow, 'not_planned')?.transition.id).toBe('11');
    // Only one way to a done status: it serves both.
    expect(closingMove([workflow[2] as JiraTransition], 'not_planned')?.transition.id).toBe('31');
    expect(closingMove([workflow[1] as JiraTransition], 'done')).toBeUndefined();
  });

  it('prefers Reopen, then To Do, then In Progress to reopen', () => {
    expect(reopeningTransition(workflow)?.id).toBe('41');
    expect(reopeningTransition([...workflow, { id: '51', name: 'Reopen', to: to('In Progress', 'indeterminate') }])?.id).toBe('51');
    expect(reopeningTransition(workflow.slice(0, 3))?.id).toBe('21');
  });

  it('reads the state from the category, and won’t-do names or resolutions as not planned', () => {
    expect(stateOf(to('Shipped', 'done'), { name: 'Done' })).toBe('done');
    expect(stateOf(to('Closed', 'done'), { name: "Won't Fix" })).toBe('not_planned');
    expect(stateOf(to('Declined', 'done'), null)).toBe('not_planned');
    expect(stateOf(to('Cancelled', 'indeterminate'), null)).toBe('open');
    expect(stateOf(null)).toBe('open');
  });
});

describe('Jira answers and signatures', () => {
  it("joins Jira's error collection into one line and names the refused fields", () => {
    expect(readErrorCollection(JSON.stringify({ errorMessages: ['One.'], errors: { assignee: 'Two.\nThree.' } }))).toEqual({ line: 'One.; assignee: Two. Three.', fields: ['assignee'] });
    expect(readErrorCollection('<html>Bad gateway</html>')).toEqual({ line: '<html>Bad gateway</html>', fields: [] });
  });

  it('checks X-Hub-Signature in full, of any length', () => {
    const body = Buffer.from('{"webhookEvent":"jira:issue_updated"}');
    const good = `sha256=${createHmac('sha256', 'secret').update(body).digest('hex')}`;
    expect(jiraSignatureMatches(good, body, 'secret')).toBe(true);
    expect(jiraSignatureMatches(good.slice(0, -1), body, 'secret')).toBe(false);
    expect(jiraSignatureMatches(`${good}0`, body, 'secret')).toBe(false);
    expect(jiraSignatureMatches(good.replace('sha256=', 'sha1='), body, 'secret')).toBe(false);
    expect(jiraSignatureMatches(undefined, body, 'secret')).toBe(false);
  });
});
