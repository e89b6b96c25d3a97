import { createHash } from 'node:crypto';
import type { SlackObject } from './types';

/**
 * The `rich_text` block Slack's clients attach to every message a person types. Apps that read
 * `blocks` instead of `text` see mentions as separate elements, so the fake produces them too.
 */
export function humanMessageBlocks(text: string): SlackObject[] {
  return [
    {
      type: 'rich_text',
      block_id: createHash('sha1').update(text).digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 5),
      elements: [{ type: 'rich_text_section', elements: richTextElements(text) }],
    },
  ];
}

function richTextElements(text: string): SlackObject[] {
  const elements: SlackObject[] = [];
  const pattern = /<([@#!])?([^>|]+)(?:\|([^>]*))?>/g;
  let last = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match.index > last) elements.push({ type: 'text', text: unescape(text.slice(last, match.index)) });
    const [, sigil, target = '', label] = match;
    if (sigil === '@') elements.push({ type: 'user', user_id: target });
    else if (sigil === '#') elements.push({ type: 'channel', channel_id: target });
    else if (sigil === '!') {
      if (target.startsWith('subteam^')) elements.push({ type: 'usergroup', usergroup_id: target.slice('subteam^'.length) });
      else elements.push({ type: 'broadcast', range: target });
    } else elements.push({ type: 'link', url: target, ...(label !== undefined ? { text: label } : {}) });
    last = match.index + match[0].length;
  }
  if (last < text.length) elements.push({ type: 'text', text: unescape(text.slice(last)) });
  return elements;
}

function unescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
