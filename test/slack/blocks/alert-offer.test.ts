import type { AlertGroup, AlertGroupView } from '../../../src/alerts/alert-group';
import type { ReceivedAlert } from '../../../src/alerts/alert-notification';
import { alertChangesMessage, alertOfferMessage, resolvePromptMessage } from '../../../src/slack/blocks/alert-offer';
import { alertStormMessage } from '../../../src/slack/blocks/alert-storm';

const group = (overrides: Partial<AlertGroup> = {}): AlertGroup => ({
  id: 'g1',
  source: 'alertmanager',
  groupKey: '{}:{alertname="X"}',
  title: 'Checkout errors',
  severity: 'SEV2',
  state: 'offered',
  rule: null,
  channelId: 'C0INCIDENTS',
  incidentId: null,
  offerTs: null,
  offeredAt: new Date('2026-12-01T10:00:00Z'),
  heldAt: null,
  declined: null,
  firstReceivedAt: new Date('2026-12-01T10:00:00Z'),
  lastReceivedAt: new Date('2026-12-01T10:00:00Z'),
  earliestStartsAt: new Date('2026-12-01T09:58:00Z'),
  ...overrides,
});
const alert = (overrides: Partial<ReceivedAlert> = {}): ReceivedAlert => ({
  fingerprint: 'f1',
  status: 'firing',
  name: 'CheckoutErrors',
  summary: 'Error rate above 5%',
  description: null,
  severity: 'error',
  labels: { alertname: 'CheckoutErrors', severity: 'error', service: 'checkout' },
  startsAt: new Date('2026-12-01T09:58:00Z'),
  endsAt: null,
  links: { runbook: 'https://runbooks.example/checkout' },
  ...overrides,
});
const view = (g: Partial<AlertGroup> = {}, alerts = [alert()], incident: AlertGroupView['incident'] = null): AlertGroupView => ({ group: group(g), alerts, incident });
const textOf = (message: { blocks: unknown[] }) => JSON.stringify(message.blocks);

describe('alertOfferMessage', () => {
  it('escapes alert text and keeps links from breaking out of their token', () => {
    const message = alertOfferMessage(
      view({ title: 'Boom <!channel> & <https://evil|bank>' }, [
        alert({ summary: '<@U123> broke it', labels: { service: 'a`b<c>' }, links: { runbook: 'https://x.example/a|b>c' } }),
      ]),
    );
    const text = textOf(message);
    expect(text).toContain('Boom &lt;!channel&gt; &amp; &lt;https://evil|bank&gt;');
    expect(text).toContain('&lt;@U123&gt; broke it');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('<https://x.example/a%7Cb%3Ec|Runbook>');
    expect(message.text).not.toContain('<!channel>');
  });

  it('offers both decisions while waiting, then shows the decision instead', () => {
    expect(textOf(alertOfferMessage(view()))).toContain('"action_id":"alert_declare"');
    const declined = alertOfferMessage(view({ state: 'declined', declined: { by: 'U1', reason: 'flaky <check>', at: new Date() } }));
    expect(textOf(declined)).toContain('Not an incident — <@U1>: flaky &lt;check&gt;');
    expect(textOf(declined)).not.toContain('alert_declare');
    const linked = alertOfferMessage(view({ state: 'linked', incidentId: 'i1' }, [alert()], { channelId: 'C0INC', isPrivate: false, open: true }));
    expect(textOf(linked)).toContain('Declared: <#C0INC>');
    const secret = alertOfferMessage(view({ state: 'linked', incidentId: 'i1' }, [alert()], { channelId: 'G0SECRET', isPrivate: true, open: true }));
    expect(textOf(secret)).not.toContain('G0SECRET');
  });

  it('stays within Slack limits however many and however long the alerts are', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      alert({ fingerprint: `f${i}`, summary: 'x'.repeat(1000), links: { source: `https://a.example/${'y'.repeat(1900)}`, generator: `https://b.example/${'z'.repeat(1900)}` } }),
    );
    const message = alertOfferMessage(view({}, many));
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const block of message.blocks as Array<{ text?: { text: string } }>) expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    expect(textOf(message)).toContain('…and 295 more alerts');
  });
});

describe('alertStormMessage', () => {
  it('lists held groups, counts those still firing, and offers at most 100 in its menu', () => {
    const held = Array.from({ length: 120 }, (_, i) => view({ id: `g${i}`, state: 'held', title: `Group ${i} ${'t'.repeat(100)}` }));
    held.push(view({ id: 'done', state: 'held' }, [alert({ status: 'resolved', endsAt: new Date() })]));
    const message = alertStormMessage({ held, offersPerMinute: 5 });
    expect(message.text).toBe('Alert storm: 120 more groups firing');
    const menu = (message.blocks.at(-1) as { elements: Array<{ options: Array<{ text: { text: string } }> }> }).elements[0]!;
    expect(menu.options).toHaveLength(100);
    expect(menu.options.every((o) => o.text.text.length <= 75)).toBe(true);
    expect(textOf(message)).toContain('…and 106 more');
  });
});

describe('alert messages in the incident channel', () => {
  it('tells what fired and resolved at the alerts own times, and asks before resolving', () => {
    const changes = alertChangesMessage([
      { alert: alert(), kind: 'fired', at: new Date('2026-12-01T09:58:00Z') },
      { alert: alert({ name: 'Second <b>' }), kind: 'resolved', at: new Date('2026-12-01T10:30:00Z') },
    ]);
    expect(changes.text).toContain('Alert *CheckoutErrors* fired <!date^1796119080^');
    expect(changes.text).toContain('Alert *Second &lt;b&gt;* resolved');
    const prompt = resolvePromptMessage('i1');
    expect(textOf(prompt)).toContain('"action_id":"incident_resolve"');
    expect(textOf(prompt)).toContain('"value":"i1"');
  });
});

describe('messages at their longest', () => {
  it('keep every section within 3,000 characters', () => {
    const title = 'T'.repeat(150);
    const held = Array.from({ length: 40 }, (_, i) => view({ id: `g${i}`, state: 'held', severity: 'SEV2', title }));
    const storm = alertStormMessage({ held, offersPerMinute: 5 });
    const changes = alertChangesMessage(
      Array.from({ length: 12 }, (_, i) => ({ alert: alert({ name: 'N'.repeat(200), summary: `${i}${'s'.repeat(999)}` }), kind: 'fired' as const, at: new Date() })),
    );
    for (const message of [storm, changes]) {
      for (const block of message.blocks as Array<{ text?: { text: string } }>) expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    }
  });
});
