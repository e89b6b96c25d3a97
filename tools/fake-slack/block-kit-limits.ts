/**
 * Block Kit has no official schema, so this encodes the limits Slack enforces (from the Block Kit
 * reference and @slack/types; see tools/fake-slack/reference/README.md). Slack refuses a whole message
 * or view over any single violation, and the refusal shows up only at run time in production, so
 * the fake refuses the same payloads in tests.
 *
 * Problems read like `blocks[3].text.text: must be at most 3000 characters`.
 */

export type Surface = 'message' | 'modal' | 'home';

export const BLOCK_KIT_LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  selectOptions: 100,
  optionGroups: 100,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  overflowOptions: 5,
  checkboxOptions: 10,
  radioOptions: 10,
  id: 255,
  plainTextInputLength: 3000,
  placeholder: 150,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  inputLabel: 2000,
  inputHint: 2000,
  imageAltText: 2000,
  imageTitle: 2000,
  markdownText: 12000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

const L = BLOCK_KIT_LIMITS;

type Json = Record<string, unknown>;

const SELECTS = [
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
];
const MULTI_SELECTS = SELECTS.map((type) => `multi_${type}`);

const SECTION_ACCESSORIES = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'image',
  'overflow',
  'radio_buttons',
  'timepicker',
  'workflow_button',
  ...SELECTS,
  ...MULTI_SELECTS,
]);

const ACTIONS_ELEMENTS = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'overflow',
  'radio_buttons',
  'timepicker',
  'workflow_button',
  'rich_text_input',
  ...SELECTS,
  ...MULTI_SELECTS,
]);

const INPUT_ELEMENTS = new Set([
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'email_text_input',
  'file_input',
  'number_input',
  'plain_text_input',
  'radio_buttons',
  'rich_text_input',
  'timepicker',
  'url_text_input',
  ...SELECTS,
  ...MULTI_SELECTS,
]);

const KNOWN_BLOCKS = new Set([
  'actions',
  'context',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'video',
]);

const MESSAGE_ONLY_BLOCKS = new Set(['file', 'markdown']);
const VIEW_ONLY_BLOCKS = new Set(['input']);

/** Every problem Slack would report for `blocks` on the given surface; empty when valid. */
export function checkBlocks(blocks: unknown, surface: Surface, path = 'blocks'): string[] {
  const checker = new BlockChecker(surface);
  checker.blocks(blocks, path);
  return checker.problems;
}

/**
 * Characters of text a person would read in the blocks. Slack has refused messages with roughly
 * 13,000 characters of block text (`msg_blocks_too_long`) even when every block is within limits.
 */
export function blocksTextLength(blocks: unknown): number {
  let total = 0;
  const visit = (value: unknown, key?: string): void => {
    if (typeof value === 'string') {
      if (key === 'text') total += value.length;
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (isObject(value)) {
      for (const [childKey, child] of Object.entries(value)) visit(child, childKey);
    }
  };
  visit(blocks);
  return total;
}

export const MESSAGE_BLOCKS_TEXT_LIMIT = 13000;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface TextRules {
  max?: number;
  plainOnly?: boolean;
}

class BlockChecker {
  readonly problems: string[] = [];

  constructor(private readonly surface: Surface) {}

  private fail(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }

  blocks(blocks: unknown, path: string): void {
    if (!Array.isArray(blocks)) {
      this.fail(path, 'must be an array of blocks');
      return;
    }
    const max = this.surface === 'message' ? L.blocksPerMessage : L.blocksPerView;
    if (blocks.length > max) {
      const where = { message: 'a message', modal: 'a modal', home: 'a Home tab' }[this.surface];
      this.fail(path, `must have at most ${max} blocks in ${where} (got ${blocks.length})`);
    }
    const seenBlockIds = new Map<string, number>();
    blocks.forEach((block, index) => {
      const blockPath = `${path}[${index}]`;
      if (!isObject(block)) {
        this.fail(blockPath, 'must be an object');
        return;
      }
      if (block.block_id !== undefined) {
        if (this.id(block.block_id, `${blockPath}.block_id`)) {
          const id = block.block_id as string;
          const first = seenBlockIds.get(id);
          if (first !== undefined) {
            this.fail(`${blockPath}.block_id`, `duplicate block_id "${id}" (also ${path}[${first}])`);
          } else {
            seenBlockIds.set(id, index);
          }
        }
      }
      this.block(block, blockPath);
    });
  }

  private block(block: Json, path: string): void {
    const type = block.type;
    if (typeof type !== 'string' || !KNOWN_BLOCKS.has(type)) {
      this.fail(`${path}.type`, `unknown block type ${JSON.stringify(type)}`);
      return;
    }
    if (this.surface === 'message' && VIEW_ONLY_BLOCKS.has(type)) {
      this.fail(path, `${type} blocks are only allowed in modals and Home tabs, not in messages`);
      return;
    }
    if (this.surface !== 'message' && MESSAGE_ONLY_BLOCKS.has(type)) {
      this.fail(path, `${type} blocks are only allowed in messages`);
      return;
    }
    switch (type) {
      case 'section':
        return this.section(block, path);
      case 'header':
        this.required(block, 'text', path) && this.text(block.text, `${path}.text`, { max: L.headerText, plainOnly: true });
        return;
      case 'context':
        return this.context(block, path);
      case 'actions':
        return this.actions(block, path);
      case 'input':
        return this.input(block, path);
      case 'image':
        return this.image(block, path);
      case 'rich_text':
        if (!Array.isArray(block.elements)) this.fail(`${path}.elements`, 'is required and must be an array');
        return;
      case 'markdown':
        if (this.required(block, 'text', path)) this.string(block.text, `${path}.text`, L.markdownText);
        return;
      case 'video':
        for (const field of ['alt_text', 'title', 'thumbnail_url', 'video_url']) this.required(block, field, path);
        return;
      case 'file':
        this.required(block, 'external_id', path);
        if (block.source !== 'remote') this.fail(`${path}.source`, 'must be "remote"');
        return;
      default:
        return;
    }
  }

  private section(block: Json, path: string): void {
    if (block.text === undefined && block.fields === undefined) {
      this.fail(path, 'a section needs text or fields');
    }
    if (block.text !== undefined) this.text(block.text, `${path}.text`, { max: L.sectionText });
    if (block.fields !== undefined) {
      if (!Array.isArray(block.fields)) {
        this.fail(`${path}.fields`, 'must be an array');
      } else {
        if (block.fields.length > L.sectionFields) {
          this.fail(`${path}.fields`, `must have at most ${L.sectionFields} items (got ${block.fields.length})`);
        }
        if (block.fields.length === 0) this.fail(`${path}.fields`, 'must not be empty');
        block.fields.forEach((field, i) => this.text(field, `${path}.fields[${i}]`, { max: L.sectionFieldText }));
      }
    }
    if (block.accessory !== undefined) {
      this.element(block.accessory, `${path}.accessory`, SECTION_ACCESSORIES, 'a section accessory');
    }
  }

  private context(block: Json, path: string): void {
    if (!this.nonEmptyArray(block.elements, `${path}.elements`)) return;
    const elements = block.elements as unknown[];
    if (elements.length > L.contextElements) {
      this.fail(`${path}.elements`, `must have at most ${L.contextElements} items (got ${elements.length})`);
    }
    elements.forEach((element, i) => {
      const elementPath = `${path}.elements[${i}]`;
      if (isObject(element) && element.type === 'image') {
        this.imageElement(element, elementPath);
      } else {
        this.text(element, elementPath, {});
      }
    });
  }

  private actions(block: Json, path: string): void {
    if (!this.nonEmptyArray(block.elements, `${path}.elements`)) return;
    const elements = block.elements as unknown[];
    if (elements.length > L.actionsElements) {
      this.fail(`${path}.elements`, `must have at most ${L.actionsElements} items (got ${elements.length})`);
    }
    const seenActionIds = new Map<string, number>();
    elements.forEach((element, i) => {
      const elementPath = `${path}.elements[${i}]`;
      this.element(element, elementPath, ACTIONS_ELEMENTS, 'an actions block');
      if (isObject(element) && typeof element.action_id === 'string') {
        const first = seenActionIds.get(element.action_id);
        if (first !== undefined) {
          this.fail(`${elementPath}.action_id`, `duplicate action_id "${element.action_id}" (also ${path}.elements[${first}])`);
        } else {
          seenActionIds.set(element.action_id, i);
        }
      }
    });
  }

  private input(block: Json, path: string): void {
    if (this.required(block, 'label', path)) {
      this.text(block.label, `${path}.label`, { max: L.inputLabel, plainOnly: true });
    }
    if (block.hint !== undefined) this.text(block.hint, `${path}.hint`, { max: L.inputHint, plainOnly: true });
    if (this.required(block, 'element', path)) {
      this.element(block.element, `${path}.element`, INPUT_ELEMENTS, 'an input block');
    }
    this.optionalBoolean(block, 'optional', path);
    this.optionalBoolean(block, 'dispatch_action', path);
  }

  private image(block: Json, path: string): void {
    this.imageSource(block, path);
    if (this.required(block, 'alt_text', path)) this.string(block.alt_text, `${path}.alt_text`, L.imageAltText);
    if (block.title !== undefined) this.text(block.title, `${path}.title`, { max: L.imageTitle, plainOnly: true });
  }

  private imageElement(element: Json, path: string): void {
    this.imageSource(element, path);
    if (this.required(element, 'alt_text', path)) this.string(element.alt_text, `${path}.alt_text`, L.imageAltText);
  }

  private imageSource(value: Json, path: string): void {
    if (value.image_url === undefined && value.slack_file === undefined) {
      this.fail(path, 'needs image_url or slack_file');
    }
    if (value.image_url !== undefined) this.string(value.image_url, `${path}.image_url`, L.url);
  }

  private element(element: unknown, path: string, allowed: Set<string>, where: string): void {
    if (!isObject(element)) {
      this.fail(path, 'must be an object');
      return;
    }
    const type = element.type;
    if (typeof type !== 'string') {
      this.fail(`${path}.type`, 'is required');
      return;
    }
    if (!allowed.has(type)) {
      this.fail(`${path}.type`, `${JSON.stringify(type)} is not allowed in ${where}`);
      return;
    }
    if (element.action_id !== undefined) this.id(element.action_id, `${path}.action_id`);
    if (element.placeholder !== undefined) {
      this.text(element.placeholder, `${path}.placeholder`, { max: L.placeholder, plainOnly: true });
    }
    if (element.confirm !== undefined) this.confirm(element.confirm, `${path}.confirm`);

    if (type === 'button') return this.button(element, path);
    if (type === 'image') return this.imageElement(element, path);
    if (type === 'workflow_button') {
      this.required(element, 'text', path) && this.text(element.text, `${path}.text`, { max: L.buttonText, plainOnly: true });
      return;
    }
    if (type === 'static_select' || type === 'multi_static_select') return this.staticSelect(element, path);
    if (type === 'overflow') {
      this.options(element, path, { min: 1, max: L.overflowOptions, plainOnly: true });
      return;
    }
    if (type === 'checkboxes') {
      this.options(element, path, { min: 1, max: L.checkboxOptions, plainOnly: false });
      this.initialOptions(element, path, 'initial_options');
      return;
    }
    if (type === 'radio_buttons') {
      this.options(element, path, { min: 1, max: L.radioOptions, plainOnly: false });
      this.initialOptions(element, path, 'initial_option');
      return;
    }
    if (type === 'plain_text_input') return this.plainTextInput(element, path);
    if (type === 'datepicker' && element.initial_date !== undefined) {
      if (typeof element.initial_date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(element.initial_date)) {
        this.fail(`${path}.initial_date`, 'must be formatted YYYY-MM-DD');
      }
    }
    if (type === 'timepicker' && element.initial_time !== undefined) {
      if (typeof element.initial_time !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(element.initial_time)) {
        this.fail(`${path}.initial_time`, 'must be formatted HH:mm');
      }
    }
    if (type === 'datetimepicker' && element.initial_date_time !== undefined) {
      if (typeof element.initial_date_time !== 'number' || !Number.isInteger(element.initial_date_time)) {
        this.fail(`${path}.initial_date_time`, 'must be a UNIX timestamp in seconds');
      }
    }
    if (type === 'number_input' && typeof element.is_decimal_allowed !== 'boolean') {
      this.fail(`${path}.is_decimal_allowed`, 'is required and must be a boolean');
    }
    if (type.startsWith('multi_') && element.max_selected_items !== undefined) {
      if (typeof element.max_selected_items !== 'number' || element.max_selected_items < 1) {
        this.fail(`${path}.max_selected_items`, 'must be at least 1');
      }
    }
  }

  private button(element: Json, path: string): void {
    if (this.required(element, 'text', path)) {
      this.text(element.text, `${path}.text`, { max: L.buttonText, plainOnly: true });
    }
    if (element.value !== undefined) this.string(element.value, `${path}.value`, L.buttonValue);
    if (element.url !== undefined) this.string(element.url, `${path}.url`, L.url);
    if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
      this.fail(`${path}.style`, 'must be "primary" or "danger"');
    }
    if (element.accessibility_label !== undefined) {
      this.string(element.accessibility_label, `${path}.accessibility_label`, L.buttonText);
    }
  }

  private staticSelect(element: Json, path: string): void {
    const hasOptions = element.options !== undefined;
    const hasGroups = element.option_groups !== undefined;
    if (hasOptions === hasGroups) {
      this.fail(path, 'needs exactly one of options or option_groups');
      return;
    }
    if (hasOptions) {
      this.options(element, path, { min: 1, max: L.selectOptions, plainOnly: true });
    } else if (this.nonEmptyArray(element.option_groups, `${path}.option_groups`)) {
      const groups = element.option_groups as unknown[];
      if (groups.length > L.optionGroups) {
        this.fail(`${path}.option_groups`, `must have at most ${L.optionGroups} items (got ${groups.length})`);
      }
      groups.forEach((group, i) => {
        const groupPath = `${path}.option_groups[${i}]`;
        if (!isObject(group)) {
          this.fail(groupPath, 'must be an object');
          return;
        }
        if (this.required(group, 'label', groupPath)) {
          this.text(group.label, `${groupPath}.label`, { max: L.optionText, plainOnly: true });
        }
        this.options(group, groupPath, { min: 1, max: L.selectOptions, plainOnly: true });
      });
    }
    this.initialOptions(element, path, element.type === 'multi_static_select' ? 'initial_options' : 'initial_option');
  }

  private options(owner: Json, path: string, rules: { min: number; max: number; plainOnly: boolean }): void {
    if (!Array.isArray(owner.options)) {
      this.fail(`${path}.options`, 'is required and must be an array');
      return;
    }
    if (owner.options.length < rules.min) this.fail(`${path}.options`, `must have at least ${rules.min} item`);
    if (owner.options.length > rules.max) {
      this.fail(`${path}.options`, `must have at most ${rules.max} items (got ${owner.options.length})`);
    }
    owner.options.forEach((option, i) => this.option(option, `${path}.options[${i}]`, rules.plainOnly));
  }

  private option(option: unknown, path: string, plainOnly: boolean): void {
    if (!isObject(option)) {
      this.fail(path, 'must be an object');
      return;
    }
    if (this.required(option, 'text', path)) this.text(option.text, `${path}.text`, { max: L.optionText, plainOnly });
    if (this.required(option, 'value', path)) this.string(option.value, `${path}.value`, L.optionValue);
    if (option.description !== undefined) {
      this.text(option.description, `${path}.description`, { max: L.optionDescription, plainOnly });
    }
    if (option.url !== undefined) this.string(option.url, `${path}.url`, L.url);
  }

  /** Slack refuses an initial option that is not exactly one of the element's options. */
  private initialOptions(element: Json, path: string, field: 'initial_option' | 'initial_options'): void {
    const initial = element[field];
    if (initial === undefined) return;
    const all: unknown[] = Array.isArray(element.options)
      ? element.options
      : Array.isArray(element.option_groups)
        ? element.option_groups.flatMap((group) => (isObject(group) && Array.isArray(group.options) ? group.options : []))
        : [];
    const chosen = field === 'initial_options' ? initial : [initial];
    if (!Array.isArray(chosen)) {
      this.fail(`${path}.${field}`, 'must be an array');
      return;
    }
    chosen.forEach((option, i) => {
      const optionPath = field === 'initial_options' ? `${path}.${field}[${i}]` : `${path}.${field}`;
      if (!all.some((candidate) => sameOption(candidate, option))) {
        this.fail(optionPath, 'must exactly match one of the options');
      }
    });
  }

  private plainTextInput(element: Json, path: string): void {
    const { min_length: min, max_length: max } = element;
    if (max !== undefined && (typeof max !== 'number' || max < 1 || max > L.plainTextInputLength)) {
      this.fail(`${path}.max_length`, `must be between 1 and ${L.plainTextInputLength}`);
    }
    if (min !== undefined && (typeof min !== 'number' || min < 0 || min > L.plainTextInputLength)) {
      this.fail(`${path}.min_length`, `must be between 0 and ${L.plainTextInputLength}`);
    }
    if (typeof min === 'number' && typeof max === 'number' && min > max) {
      this.fail(`${path}.min_length`, 'must not be greater than max_length');
    }
    if (element.initial_value !== undefined) {
      const limit = typeof max === 'number' ? Math.min(max, L.plainTextInputLength) : L.plainTextInputLength;
      this.string(element.initial_value, `${path}.initial_value`, limit);
    }
  }

  private confirm(confirm: unknown, path: string): void {
    if (!isObject(confirm)) {
      this.fail(path, 'must be an object');
      return;
    }
    if (this.required(confirm, 'title', path)) this.text(confirm.title, `${path}.title`, { max: L.confirmTitle, plainOnly: true });
    if (this.required(confirm, 'text', path)) this.text(confirm.text, `${path}.text`, { max: L.confirmText });
    if (this.required(confirm, 'confirm', path)) {
      this.text(confirm.confirm, `${path}.confirm`, { max: L.confirmButton, plainOnly: true });
    }
    if (this.required(confirm, 'deny', path)) this.text(confirm.deny, `${path}.deny`, { max: L.confirmButton, plainOnly: true });
  }

  private text(value: unknown, path: string, rules: TextRules): void {
    if (!isObject(value)) {
      this.fail(path, 'must be a text object');
      return;
    }
    if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
      this.fail(`${path}.type`, 'must be "plain_text" or "mrkdwn"');
      return;
    }
    if (rules.plainOnly && value.type !== 'plain_text') {
      this.fail(`${path}.type`, 'must be "plain_text"');
    }
    if (typeof value.text !== 'string' || value.text.length === 0) {
      this.fail(`${path}.text`, 'must be a non-empty string');
      return;
    }
    if (rules.max !== undefined && value.text.length > rules.max) {
      this.fail(`${path}.text`, `must be at most ${rules.max} characters (got ${value.text.length})`);
    }
  }

  private string(value: unknown, path: string, max: number): void {
    if (typeof value !== 'string') {
      this.fail(path, 'must be a string');
    } else if (value.length > max) {
      this.fail(path, `must be at most ${max} characters (got ${value.length})`);
    }
  }

  private id(value: unknown, path: string): boolean {
    if (typeof value !== 'string' || value.length === 0) {
      this.fail(path, 'must be a non-empty string');
      return false;
    }
    if (value.length > L.id) {
      this.fail(path, `must be at most ${L.id} characters (got ${value.length})`);
      return false;
    }
    return true;
  }

  private required(owner: Json, field: string, path: string): boolean {
    if (owner[field] === undefined || owner[field] === null) {
      this.fail(`${path}.${field}`, 'is required');
      return false;
    }
    return true;
  }

  private nonEmptyArray(value: unknown, path: string): boolean {
    if (!Array.isArray(value)) {
      this.fail(path, 'is required and must be an array');
      return false;
    }
    if (value.length === 0) {
      this.fail(path, 'must not be empty');
      return false;
    }
    return true;
  }

  private optionalBoolean(owner: Json, field: string, path: string): void {
    if (owner[field] !== undefined && typeof owner[field] !== 'boolean') this.fail(`${path}.${field}`, 'must be a boolean');
  }
}

function sameOption(a: unknown, b: unknown): boolean {
  if (!isObject(a) || !isObject(b)) return false;
  const textOf = (option: Json): unknown => (isObject(option.text) ? option.text.text : undefined);
  return a.value === b.value && textOf(a) === textOf(b);
}
