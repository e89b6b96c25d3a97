import { normaliseUrl, validateActionItem } from '../../src/action-items/validate-action-item';

const good = { description: 'Add an alert', ownerId: 'U1', dueDate: '2026-11-23', type: 'detect' as const, ticketUrl: null };

describe('validateActionItem', () => {
  it('accepts a complete item due today or later', () => {
    expect(validateActionItem(good, '2026-11-23')).toEqual({});
    expect(validateActionItem({ ...good, ticketUrl: 'https://tracker.example.com/OPS-1' }, '2026-11-22')).toEqual({});
  });

  it('names each problem on its field', () => {
    expect(validateActionItem({ description: ' ', ownerId: null, dueDate: '2026-11-21', type: null, ticketUrl: 'javascript:alert(1)' }, '2026-11-22')).toEqual({
      description: expect.stringContaining('Say what will be done'),
      ownerId: expect.stringContaining('owner'),
      dueDate: expect.stringContaining('past'),
      type: expect.stringContaining('type'),
      ticketUrl: expect.stringContaining('https://'),
    });
  });

  it.each(['OPS-1', 'tracker/OPS-1', 'ftp://x.example/1', 'https://', 'https://a b.example'])('refuses %j as a ticket link', (url) => {
    expect(validateActionItem({ ...good, ticketUrl: url }, '2026-11-22').ticketUrl).toBeDefined();
  });
});

describe('normaliseUrl', () => {
  it('percent-encodes what could break out of a Slack link', () => {
    expect(normaliseUrl(' https://x.io/><!channel> ')).toBe('https://x.io/%3E%3C!channel%3E');
  });
});
