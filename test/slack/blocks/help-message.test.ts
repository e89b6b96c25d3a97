import { helpMessage } from '../../../src/slack/blocks/help-message';
import { homeView } from '../../../src/slack/blocks/home-view';

const commands = [
  { usage: '/incident help', summary: 'Show help' },
  { usage: '/incident declare [title]', summary: 'Declare an incident' },
];

describe('helpMessage', () => {
  it('lists every command with its summary, in blocks and in the notification text', () => {
    const message = helpMessage(commands);
    const shown = JSON.stringify(message.blocks);
    for (const c of commands) {
      expect(shown).toContain(`\`${c.usage}\` — ${c.summary}`);
      expect(message.text).toContain(c.usage);
    }
  });

  it('shows a usage with angle brackets as typed, not as a link', () => {
    const message = helpMessage([{ usage: '/incident review <date> <time>', summary: 'Schedule the review' }]);
    expect(JSON.stringify(message.blocks)).toContain('`/incident review &lt;date&gt; &lt;time&gt;` — Schedule the review');
    expect(message.text).not.toContain('<date>');
  });

  it('puts a notice first when one is given', () => {
    const message = helpMessage(commands, 'I don\'t know `/incident frobnicate`.');
    expect(message.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'I don\'t know `/incident frobnicate`.' } });
    expect(message.text.split('\n')[0]).toContain('frobnicate');
  });
});

describe('homeView', () => {
  it('is a home view listing the commands', () => {
    const view = homeView(commands);
    expect(view.type).toBe('home');
    expect(JSON.stringify(view.blocks)).toContain('/incident declare [title]');
  });
});
