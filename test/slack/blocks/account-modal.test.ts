import { ANSWER_MAX, type Account, EMPTY_ANSWERS } from '../../../src/accounts/account';
import type { Incident } from '../../../src/incidents/incident';
import { accountModal, accountSavedView } from '../../../src/slack/blocks/account-modal';
import { checkView } from '../../../tools/fake-slack';
import { buttonsOf, visibleText } from '../../../tools/harness/visible-text';

const incident = { id: 'inc-1', title: 'Checkout <!here> down', channelId: 'C1', isPrivate: false } as Incident;
const account = (overrides: Partial<Account> = {}): Account => ({
  incidentId: 'inc-1',
  userId: 'U1',
  state: 'written',
  answers: { ...EMPTY_ANSWERS, noticed: '14:05 saw errors', helped: 'A dashboard' },
  anonymous: true,
  timeZone: 'Europe/Paris',
  dm: null,
  askedAt: null,
  answeredAt: new Date(),
  remindedAt: null,
  revision: 1,
  updatedAt: new Date(),
  ...overrides,
});

type Input = { type: 'input'; block_id: string; optional?: boolean; label: { text: string }; hint?: { text: string }; element: Record<string, unknown> };
const inputs = (view: { blocks: unknown[] }) => view.blocks.filter((b): b is Input => (b as { type: string }).type === 'input');

describe('accountModal', () => {
  it('asks the five questions, each optional, multi-line and capped, with a short title', () => {
    const view = accountModal(incident, undefined, 'Europe/Paris');
    expect(checkView(view, ['modal'])).toEqual([]);
    expect(view.title.text).toBe('Your account');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    const questions = inputs(view).filter((b) => b.element.type === 'plain_text_input');
    expect(questions.map((b) => b.label.text)).toEqual([
      'What you noticed, and when',
      'What you did, and why it made sense at the time',
      'What you expected to happen',
      'What surprised or confused you',
      'What would have helped',
    ]);
    for (const q of questions) {
      expect(q.optional).toBe(true);
      expect(q.element).toMatchObject({ multiline: true, max_length: ANSWER_MAX });
      expect(q.element.initial_value).toBeUndefined();
    }
    expect(JSON.parse(view.private_metadata!)).toEqual({ incidentId: 'inc-1' });
  });

  it("tells the writer that a line starting with a time goes on the timeline, read in their zone", () => {
    const text = visibleText(accountModal(incident, undefined, 'America/New_York'));
    expect(text).toContain('14:05');
    expect(text).toContain('placed on the timeline');
    expect(text).toContain('America/New_York');
  });

  it('offers a choice between their name and anonymity, named unless they chose otherwise', () => {
    const fresh = inputs(accountModal(incident, undefined, 'UTC')).find((b) => b.element.type === 'radio_buttons')!;
    expect(JSON.stringify(fresh.element.options)).toContain('With my name');
    expect(JSON.stringify(fresh.element.options)).toContain('Responder B');
    expect((fresh.element.initial_option as { value: string }).value).toBe('named');
    const chosen = inputs(accountModal(incident, account(), 'UTC')).find((b) => b.element.type === 'radio_buttons')!;
    expect((chosen.element.initial_option as { value: string }).value).toBe('anonymous');
  });

  it('is prefilled with what they wrote when they edit it', () => {
    const view = accountModal(incident, account(), 'UTC');
    const values = inputs(view).map((b) => b.element.initial_value);
    expect(values).toEqual(['14:05 saw errors', undefined, undefined, undefined, 'A dashboard', undefined]);
  });

  it('escapes the title and keeps the DM it was opened from', () => {
    const view = accountModal(incident, undefined, 'UTC', { channel: 'D1', ts: '1.2' });
    expect(visibleText(view)).toContain('Checkout &lt;!here&gt; down');
    expect(JSON.parse(view.private_metadata!)).toEqual({ incidentId: 'inc-1', clicked: { channel: 'D1', ts: '1.2' } });
  });
});

describe('accountSavedView', () => {
  const note = {
    where: 'Your account: Did, and why it made sense',
    quote: 'I should have',
    message: '"I should have" judges what you did with what you know now.',
    suggestion: 'Say what you knew and saw at that moment.',
  };

  it('thanks them, and says they can edit until publication', () => {
    const view = accountSavedView(incident, account({ anonymous: false }), { notes: [], moments: [], timeZone: 'UTC' });
    expect(checkView(view, ['modal'])).toEqual([]);
    const text = visibleText(view);
    expect(text).toContain('Thank you');
    expect(text).toContain('shown with your name');
    expect(text).toContain('until the post-mortem is published');
    expect(text).not.toContain('gentle note');
    expect(buttonsOf(view)).toEqual([{ text: 'Edit my account', actionId: 'account_write', value: 'inc-1' }]);
  });

  it('points out self-blame gently, with what to write instead, without refusing the save', () => {
    const text = visibleText(accountSavedView(incident, account(), { notes: [note], moments: [], timeZone: 'UTC' }));
    expect(text).toContain('gentle note');
    expect(text).toContain('saved as you wrote it');
    expect(text).toContain('“I should have”');
    expect(text).toContain('Say what you knew and saw at that moment.');
    expect(text).toContain('anonymously');
  });

  it('lists the moments that go on the timeline, read in their zone', () => {
    const at = new Date('2026-12-01T13:05:00Z');
    const text = visibleText(accountSavedView(incident, account(), { notes: [], moments: [{ at, text: 'saw <errors>', question: 'noticed' }], timeZone: 'Europe/Paris' }));
    expect(text).toContain(`<!date^${at.getTime() / 1000}^`);
    expect(text).toContain('saw &lt;errors&gt;');
    expect(text).toContain('Europe/Paris');
  });

  it('stays a valid view with many notes and moments', () => {
    const moments = Array.from({ length: 60 }, (_, i) => ({ at: new Date(i * 60_000), text: 'x'.repeat(500), question: 'did' as const }));
    const notes = Array.from({ length: 60 }, () => ({ ...note, message: 'm'.repeat(600), suggestion: 's'.repeat(900) }));
    expect(checkView(accountSavedView(incident, account(), { notes, moments, timeZone: 'UTC' }), ['modal'])).toEqual([]);
  });
});
