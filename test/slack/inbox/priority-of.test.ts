import { priorityOf } from '../../../src/slack/inbox/durable-app';

describe('priorityOf', () => {
  it('treats what a person waits on as interactive', () => {
    expect(priorityOf({ command: '/incident', text: 'declare' })).toBe('interactive');
    expect(priorityOf({ type: 'block_actions' })).toBe('interactive');
    expect(priorityOf({ type: 'view_submission' })).toBe('interactive');
    expect(priorityOf({ type: 'shortcut' })).toBe('interactive');
    expect(priorityOf({ type: 'event_callback', event: { type: 'app_home_opened' } })).toBe('interactive');
  });

  it('treats events nobody watches happen as background', () => {
    expect(priorityOf({ type: 'event_callback', event: { type: 'reaction_added' } })).toBe('background');
    expect(priorityOf({ type: 'event_callback', event: { type: 'message' } })).toBe('background');
    expect(priorityOf(undefined)).toBe('background');
  });
});
