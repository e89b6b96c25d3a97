import { notEffectiveModal } from '../../../src/slack/blocks/not-effective-modal';
import { checkView } from '../../../tools/fake-slack';
import { visibleText } from '../../../tools/harness/visible-text';

describe('notEffectiveModal', () => {
  const modal = notEffectiveModal({ itemId: 'a1', ask: 2, today: '2026-12-31' }, { description: 'Alert on <5xx>' }, '2027-01-14');

  it('asks why it is not working, what to do instead, and by when, proposing the due date', () => {
    const text = visibleText(modal);
    expect(text).toContain("Why isn't it working?");
    expect(text).toContain('What should be done instead?');
    expect(text).toContain('New due date');
    expect(text).toContain('Alert on &lt;5xx&gt;');
    expect(JSON.stringify(modal.blocks)).toContain('"initial_date":"2027-01-14"');
    expect(modal.callback_id).toBe('verify_not_effective_form');
    expect(JSON.parse(modal.private_metadata ?? '{}')).toEqual({ itemId: 'a1', ask: 2, today: '2026-12-31' });
  });

  it('is a modal Slack accepts, its title within 24 characters', () => {
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    expect(checkView(modal, ['modal'])).toEqual([]);
  });
});
