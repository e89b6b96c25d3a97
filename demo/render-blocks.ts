import type { SlackObject } from '../tools/fake-slack';
import { buttonsOf, visibleText } from '../tools/harness/visible-text';
import { type Reader, readableMrkdwn } from './readable-mrkdwn';

/** The text of a text object (or a bare string), readable. */
function textOf(value: unknown, reader: Reader): string {
  if (typeof value === 'string') return readableMrkdwn(value, reader);
  if (value && typeof value === 'object' && typeof (value as SlackObject).text === 'string') {
    return readableMrkdwn((value as SlackObject).text, reader);
  }
  return '';
}

const optionLabel = (option: SlackObject | undefined, reader: Reader) => (option ? textOf(option.text, reader) : '');

/** What an input or select shows before the person touches it. */
function elementShows(element: SlackObject, reader: Reader): string {
  const user = (id: string) => `@${reader.userName(id)}`;
  const placeholder = element.placeholder ? `‹${textOf(element.placeholder, reader)}›` : '';
  switch (element.type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return element.initial_value !== undefined ? `“${oneLine(String(element.initial_value))}”` : placeholder || '______';
    case 'static_select':
    case 'external_select':
    case 'radio_buttons': {
      if (element.initial_option) return `[${optionLabel(element.initial_option, reader)} ▾]`;
      const options: SlackObject[] = element.options ?? (element.option_groups ?? []).flatMap((g: SlackObject) => g.options ?? []);
      return `[${placeholder || 'choose'} ▾] ${options.map((o) => optionLabel(o, reader)).join(' · ')}`;
    }
    case 'multi_static_select':
      return `[${(element.initial_options ?? []).map((o: SlackObject) => optionLabel(o, reader)).join(', ') || placeholder || 'choose'} ▾]`;
    case 'users_select':
      return element.initial_user ? `[${user(element.initial_user)} ▾]` : `[${placeholder || 'pick a person'} ▾]`;
    case 'multi_users_select':
      return `[${(element.initial_users ?? []).map(user).join(', ') || placeholder || 'pick people'} ▾]`;
    case 'conversations_select':
    case 'channels_select':
      return `[${placeholder || 'pick a channel'} ▾]`;
    case 'datepicker':
      return `[${element.initial_date ?? 'pick a date'} 📅]`;
    case 'timepicker':
      return `[${element.initial_time ?? 'pick a time'} 🕘]`;
    case 'datetimepicker':
      return element.initial_date_time ? `[${new Date(element.initial_date_time * 1000).toISOString().slice(0, 16)}Z]` : '[pick a date and time]';
    case 'checkboxes': {
      const checked = new Set((element.initial_options ?? []).map((o: SlackObject) => o.value));
      return (element.options ?? []).map((o: SlackObject) => `${checked.has(o.value) ? '☑' : '☐'} ${optionLabel(o, reader)}`).join('  ');
    }
    case 'button':
      return `[${textOf(element.text, reader)}]`;
    case 'overflow':
      return `[⋯ ${(element.options ?? []).map((o: SlackObject) => optionLabel(o, reader)).join(' / ')}]`;
    default:
      return `[${element.type}]`;
  }
}

const oneLine = (text: string) => (text.length > 90 ? `${text.slice(0, 89)}…` : text).replace(/\n/g, ' ⏎ ');

/** One block as the lines a person reads. */
function renderBlock(block: SlackObject, reader: Reader): string[] {
  switch (block.type) {
    case 'header':
      return [`▌${textOf(block.text, reader)}`];
    case 'divider':
      return ['────────'];
    case 'section': {
      const lines = block.text ? textOf(block.text, reader).split('\n') : [];
      for (const field of block.fields ?? []) lines.push(...textOf(field, reader).split('\n'));
      if (block.accessory) lines.push(elementShows(block.accessory, reader));
      return lines;
    }
    case 'context':
      return [
        (block.elements ?? [])
          .map((e: SlackObject) => (e.type === 'image' ? `[${e.alt_text ?? 'image'}]` : textOf(e, reader)))
          .join(' · '),
      ];
    case 'actions': {
      const buttons = buttonsOf({ blocks: [block] }).map((b) => `[${b.text}]`);
      const others = (block.elements ?? []).filter((e: SlackObject) => e.type !== 'button').map((e: SlackObject) => elementShows(e, reader));
      return [[...buttons, ...others].join(' ')];
    }
    case 'input': {
      const label = `${textOf(block.label, reader)}${block.optional ? ' (optional)' : ''}`;
      const lines = [`${label}: ${elementShows(block.element ?? {}, reader)}`];
      if (block.hint) lines.push(`    ${textOf(block.hint, reader)}`);
      return lines;
    }
    case 'image':
      return [`[image: ${block.alt_text ?? ''}]`];
    default:
      return readableMrkdwn(visibleText({ blocks: [block] }), reader).split('\n');
  }
}

/** A message or a view's blocks as readable lines; a message without blocks shows its text. */
export function renderBlocks(content: { text?: string; blocks?: SlackObject[] }, reader: Reader): string[] {
  if (!content.blocks?.length) return readableMrkdwn(content.text ?? '', reader).split('\n');
  return content.blocks.flatMap((block) => renderBlock(block, reader));
}
