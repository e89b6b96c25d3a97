import type { ActionItem } from '../../../src/action-items/action-item';
import { actionItemModal } from '../../../src/slack/blocks/action-item-modal';
import { readActionItemForm } from '../../../src/slack/parse/postmortem-form';
import type { ViewValues } from '../../../src/slack/parse/view-state';
import { checkView } from '../../../tools/fake-slack';

type Select = { options: Array<{ text: { text: string }; value: string }>; initial_option?: { value: string } };

/** The "Check it works after" menu of a form. */
function verifyAfter(view: ReturnType<typeof actionItemModal>): Select {
  const block = view.blocks.find((b) => b.block_id === 'ai_verify_after') as { element: Select } | undefined;
  return block!.element;
}

const item = (verifyAfterDays: number | null) => ({ id: 'a1', description: 'Add an alert', ownerId: 'U1', dueDate: '2026-12-01', type: 'detect', ticketUrl: null, verifyAfterDays }) as ActionItem;

const submitted = (choice?: string): ViewValues => ({
  ai_description: { ai_description: { type: 'plain_text_input', value: 'Add an alert' } },
  ...(choice ? { ai_verify_after: { ai_verify_after: { type: 'static_select', selected_option: { value: choice } } } } : {}),
});

describe('the action-item form’s "Check it works after"', () => {
  it('offers the default (named), the usual waits and no check, the default chosen for a new item', () => {
    const menu = verifyAfter(actionItemModal({ incidentId: 'i1' }, undefined, 30));
    expect(menu.options.map((o) => o.text.text)).toEqual(['30 days (default)', '7 days', '14 days', '30 days', '60 days', '90 days', 'No check needed']);
    expect(menu.initial_option?.value).toBe('default');
    expect(checkView(actionItemModal({ incidentId: 'i1' }, undefined, 30), ['modal'])).toEqual([]);
  });

  it('starts from the item’s own choice when it is edited', () => {
    expect(verifyAfter(actionItemModal({ incidentId: 'i1' }, item(0), 30)).initial_option?.value).toBe('none');
    expect(verifyAfter(actionItemModal({ incidentId: 'i1' }, item(60), 30)).initial_option?.value).toBe('60');
    expect(verifyAfter(actionItemModal({ incidentId: 'i1' }, item(null), 30)).initial_option?.value).toBe('default');
    // A wait the menu does not offer is kept as a choice of its own.
    const odd = verifyAfter(actionItemModal({ incidentId: 'i1' }, item(45), 30));
    expect(odd.initial_option?.value).toBe('45');
    expect(odd.options.map((o) => o.value)).toContain('45');
  });

  it('reads back as days, null for the default, 0 for no check, and nothing from a form that did not ask', () => {
    expect(readActionItemForm(submitted('default')).verifyAfterDays).toBeNull();
    expect(readActionItemForm(submitted('none')).verifyAfterDays).toBe(0);
    expect(readActionItemForm(submitted('14')).verifyAfterDays).toBe(14);
    expect(readActionItemForm(submitted('forged')).verifyAfterDays).toBeNaN();
    expect('verifyAfterDays' in readActionItemForm(submitted())).toBe(false);
  });
});
