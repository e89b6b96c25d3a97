import type { ActionItem } from '../../src/action-items/action-item';
import { allVerified, itemProgress } from '../../src/action-items/item-progress';
import { postmortemMessages } from '../../src/render/postmortem-blocks';
import { postmortemMarkdown } from '../../src/render/postmortem-markdown';
import { actionItemList } from '../../src/slack/blocks/action-item-list';
import { actionItemMessage } from '../../src/slack/blocks/action-item-message';
import { homeView } from '../../src/slack/blocks/home-view';
import { at, doc, incident, item } from '../../tools/harness/postmortem-fixture';
import { buttonsOf, visibleText } from '../../tools/harness/visible-text';

const issue = { label: 'OPS-12', url: 'https://acme.atlassian.net/browse/OPS-12' };
const done = (overrides: Partial<ActionItem> = {}): ActionItem => ({ ...item(1), issue, status: 'done', statusChangedBy: 'U2', statusChangedAt: at(60), ...overrides });
const verified = (i: number): ActionItem => ({
  ...done({ id: `v${i}` }),
  verification: { status: 'verified', at: null, asks: 1, by: 'U1', decidedAt: at(60 * 24 * 30) },
});

describe('where an item stands, done → verified included', () => {
  it('reads each state from the item', () => {
    expect(itemProgress(item(1))).toBe('open');
    expect(itemProgress({ ...item(1), verificationNote: 'Not effective: it never fired' })).toBe('reopened');
    expect(itemProgress(done())).toBe('done');
    expect(itemProgress(verified(1))).toBe('verified');
    expect(itemProgress(done({ verification: { status: 'unconfirmed', at: null, asks: 3, by: null, decidedAt: null } }))).toBe('unconfirmed');
    expect(itemProgress({ ...item(1), status: 'wont_do' })).toBe('wont_do');
  });

  it('says every item is verified only when each kept item is, won’t-do items aside', () => {
    expect(allVerified([verified(1), verified(2), { ...item(3), status: 'wont_do' }])).toBe(true);
    expect(allVerified([verified(1), done()])).toBe(false);
    expect(allVerified([verified(1), item(2)])).toBe(false);
    expect(allVerified([{ ...item(3), status: 'wont_do' }])).toBe(false);
    expect(allVerified([])).toBe(false);
  });
});

describe('an item with its issue and its check, on every surface', () => {
  it('shows the issue and "done → verified" in the published post-mortem and its Markdown, and says when all are verified', () => {
    const document = doc([], [verified(1), verified(2)]);
    const text = postmortemMessages(document).map(visibleText).join('\n');
    expect(text).toContain('Every action item is done and verified to work.');
    expect(text).toContain('OPS-12');
    expect(text).toContain('done → :white_check_mark: verified');
    const markdown = postmortemMarkdown(document);
    expect(markdown).toContain('Every action item is done and verified to work.');
    expect(markdown).toContain('**Issue:** [OPS-12](https://acme.atlassian.net/browse/OPS-12)');
    expect(markdown).toContain('**Status:** done → verified');
  });

  it('does not claim all verified while one is only done', () => {
    const document = doc([], [verified(1), done({ id: 'd2' })]);
    expect(postmortemMarkdown(document)).not.toContain('Every action item is done and verified');
    expect(postmortemMessages(document).map(visibleText).join('\n')).not.toContain('Every action item is done and verified');
  });

  it('shows a reopened item as not effective, with why', () => {
    const reopened = { ...item(4), verificationNote: 'Not effective: the alert never fired — Instead: alert on pool waits' };
    expect(postmortemMarkdown(doc([], [reopened]))).toContain('**Status:** reopened: Not effective: the alert never fired');
    expect(visibleText(actionItemMessage(reopened, incident, 'due'))).toContain('Reopened. Not effective: the alert never fired — Instead: alert on pool waits');
  });

  it('says in the DM who closed it in the tracker, and that it was verified', () => {
    const closedInTracker = done({ statusChangedBy: null });
    const message = actionItemMessage(closedInTracker, incident, null, 'Closed in GitHub by @dana (acme/ops#3).');
    expect(visibleText(message)).toContain('Done');
    expect(visibleText(message)).not.toContain('<@null>');
    expect(visibleText(message)).toContain('Closed in GitHub by @dana');
    expect(visibleText(actionItemMessage(verified(1), incident, null))).toContain('Verified to work by');
  });

  it('offers "Create … issue" on an open item without one, only when issues are filed on request', () => {
    const open = item(5);
    expect(buttonsOf(actionItemMessage(open, incident, 'assigned', undefined, undefined, { trackerName: 'Jira' })).map((b) => b.text)).toContain('Create Jira issue');
    expect(buttonsOf(actionItemMessage(open, incident, 'assigned')).map((b) => b.text)).not.toContain('Create Jira issue');
    expect(buttonsOf(actionItemMessage({ ...open, issue }, incident, 'assigned', undefined, undefined, { trackerName: 'Jira' })).map((b) => b.text)).not.toContain('Create Jira issue');
  });

  it('lists items with their issue and where their check stands', () => {
    const list = visibleText(actionItemList('Items', [{ item: verified(1), incident }, { item: { ...item(2), issue }, incident }], '2026-11-01'));
    expect(list).toContain('done → verified');
    expect(list).toContain('OPS-12');
  });

  it("shows what a person finished lately on their App Home, with the check's state", () => {
    const scheduled = done({ id: 's1', description: 'Canary config pushes', verification: { status: 'scheduled', at: at(60 * 24 * 30), asks: 0, by: null, decidedAt: null } });
    const view = visibleText(homeView([], { items: [], done: [{ item: verified(1), incident }, { item: scheduled, incident }], incidents: [], postmortems: [] }, '2026-11-22'));
    expect(view).toContain('Done lately');
    expect(view).toContain('done → verified');
    expect(view).toContain('Canary config pushes — done, check');
  });
});
