import { BLOCK_KIT_LIMITS, blocksTextLength, checkBlocks, checkView } from '../../tools/fake-slack';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const section = (text: string) => ({ type: 'section', text: mrkdwn(text) });
const option = (text: string, value = text) => ({ text: plain(text), value });
const button = (actionId: string, extra: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: actionId,
  text: plain('Go'),
  ...extra,
});
const input = (blockId: string, element: Record<string, unknown>) => ({
  type: 'input',
  block_id: blockId,
  label: plain('Label'),
  element,
});

describe('checkBlocks', () => {
  it('accepts a typical incident message', () => {
    const blocks = [
      { type: 'header', text: plain('INC-42: checkout down') },
      { type: 'section', text: mrkdwn('*Severity* SEV1'), fields: [mrkdwn('*Lead*'), mrkdwn('<@U1>')] },
      { type: 'context', elements: [mrkdwn('Declared by <@U2>'), { type: 'image', image_url: 'https://x/y.png', alt_text: 'icon' }] },
      { type: 'divider' },
      { type: 'actions', elements: [button('ack', { value: 'inc-42', style: 'primary' }), { type: 'static_select', action_id: 'sev', options: [option('SEV1'), option('SEV2')] }] },
    ];
    expect(checkBlocks(blocks, 'message')).toEqual([]);
  });

  it('limits blocks to 50 per message and 100 per modal or Home tab', () => {
    const fifty = Array.from({ length: 50 }, () => ({ type: 'divider' }));
    expect(checkBlocks(fifty, 'message')).toEqual([]);
    expect(checkBlocks([...fifty, { type: 'divider' }], 'message')).toEqual(['blocks: must have at most 50 blocks in a message (got 51)']);
    const hundred = Array.from({ length: 100 }, () => ({ type: 'divider' }));
    expect(checkBlocks(hundred, 'modal')).toEqual([]);
    expect(checkBlocks([...hundred, { type: 'divider' }], 'home')).toEqual(['blocks: must have at most 100 blocks in a Home tab (got 101)']);
  });

  it('limits section text to 3000 and fields to 10 of 2000', () => {
    expect(checkBlocks([section('x'.repeat(3000))], 'message')).toEqual([]);
    expect(checkBlocks([{ type: 'divider' }, section('x'.repeat(3001))], 'message')).toEqual([
      'blocks[1].text.text: must be at most 3000 characters (got 3001)',
    ]);
    const fields = Array.from({ length: 11 }, () => mrkdwn('f'));
    expect(checkBlocks([{ type: 'section', fields }], 'message')).toEqual(['blocks[0].fields: must have at most 10 items (got 11)']);
    expect(checkBlocks([{ type: 'section', fields: [mrkdwn('y'.repeat(2001))] }], 'message')).toEqual([
      'blocks[0].fields[0].text: must be at most 2000 characters (got 2001)',
    ]);
    expect(checkBlocks([{ type: 'section' }], 'message')).toEqual(['blocks[0]: a section needs text or fields']);
  });

  it('limits headers to 150 characters of plain_text', () => {
    expect(checkBlocks([{ type: 'header', text: plain('h'.repeat(151)) }], 'message')).toEqual([
      'blocks[0].text.text: must be at most 150 characters (got 151)',
    ]);
    expect(checkBlocks([{ type: 'header', text: mrkdwn('*h*') }], 'message')).toEqual(['blocks[0].text.type: must be "plain_text"']);
  });

  it('limits context to 10 elements and actions to 25', () => {
    const context = { type: 'context', elements: Array.from({ length: 11 }, () => mrkdwn('c')) };
    expect(checkBlocks([context], 'message')).toEqual(['blocks[0].elements: must have at most 10 items (got 11)']);
    const actions = { type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button(`b${i}`)) };
    expect(checkBlocks([actions], 'message')).toEqual(['blocks[0].elements: must have at most 25 items (got 26)']);
  });

  it('limits select options to 100, option text to 75 and option value to 150', () => {
    const select = (options: unknown[]) => [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options }] }];
    expect(checkBlocks(select(Array.from({ length: 100 }, (_, i) => option(`o${i}`))), 'message')).toEqual([]);
    expect(checkBlocks(select(Array.from({ length: 101 }, (_, i) => option(`o${i}`))), 'message')).toEqual([
      'blocks[0].elements[0].options: must have at most 100 items (got 101)',
    ]);
    expect(checkBlocks(select([option('t'.repeat(76), 'v')]), 'message')).toEqual([
      'blocks[0].elements[0].options[0].text.text: must be at most 75 characters (got 76)',
    ]);
    expect(checkBlocks(select([option('t', 'v'.repeat(151))]), 'message')).toEqual([
      'blocks[0].elements[0].options[0].value: must be at most 150 characters (got 151)',
    ]);
  });

  it('requires an initial option to be one of the options', () => {
    const blocks = [
      {
        type: 'actions',
        elements: [{ type: 'static_select', action_id: 's', options: [option('SEV1')], initial_option: option('SEV9') }],
      },
    ];
    expect(checkBlocks(blocks, 'message')).toEqual(['blocks[0].elements[0].initial_option: must exactly match one of the options']);
  });

  it('limits block_id, action_id to 255 characters and keeps them unique', () => {
    const long = 'i'.repeat(256);
    expect(checkBlocks([{ type: 'divider', block_id: long }], 'message')).toEqual(['blocks[0].block_id: must be at most 255 characters (got 256)']);
    expect(checkBlocks([{ type: 'actions', elements: [button(long)] }], 'message')).toEqual([
      'blocks[0].elements[0].action_id: must be at most 255 characters (got 256)',
    ]);
    expect(checkBlocks([{ type: 'divider', block_id: 'a' }, { type: 'divider', block_id: 'a' }], 'message')).toEqual([
      'blocks[1].block_id: duplicate block_id "a" (also blocks[0])',
    ]);
    expect(checkBlocks([{ type: 'actions', elements: [button('x'), button('x')] }], 'message')).toEqual([
      'blocks[0].elements[1].action_id: duplicate action_id "x" (also blocks[0].elements[0])',
    ]);
  });

  it('limits buttons: text 75, value 2000, url 3000', () => {
    const actions = (b: unknown) => [{ type: 'actions', elements: [b] }];
    expect(checkBlocks(actions({ ...button('b'), text: plain('t'.repeat(76)) }), 'message')).toEqual([
      'blocks[0].elements[0].text.text: must be at most 75 characters (got 76)',
    ]);
    expect(checkBlocks(actions(button('b', { value: 'v'.repeat(2001) })), 'message')).toEqual([
      'blocks[0].elements[0].value: must be at most 2000 characters (got 2001)',
    ]);
    expect(checkBlocks(actions(button('b', { url: `https://${'u'.repeat(2993)}` })), 'message')).toEqual([
      'blocks[0].elements[0].url: must be at most 3000 characters (got 3001)',
    ]);
  });

  it('limits plain_text_input max_length to 3000', () => {
    const blocks = [input('i', { type: 'plain_text_input', action_id: 'v', max_length: 3001 })];
    expect(checkBlocks(blocks, 'modal')).toEqual(['blocks[0].element.max_length: must be between 1 and 3000']);
  });

  it('needs text objects with a known type and non-empty text', () => {
    expect(checkBlocks([{ type: 'section', text: { type: 'markdown', text: 'x' } }], 'message')).toEqual([
      'blocks[0].text.type: must be "plain_text" or "mrkdwn"',
    ]);
    expect(checkBlocks([section('')], 'message')).toEqual(['blocks[0].text.text: must be a non-empty string']);
    expect(checkBlocks([{ type: 'section', text: 'bare string' }], 'message')).toEqual(['blocks[0].text: must be a text object']);
  });

  it('allows input blocks only in modals and Home tabs', () => {
    const blocks = [input('i', { type: 'plain_text_input', action_id: 'v' })];
    expect(checkBlocks(blocks, 'modal')).toEqual([]);
    expect(checkBlocks(blocks, 'message')).toEqual(['blocks[0]: input blocks are only allowed in modals and Home tabs, not in messages']);
    expect(checkBlocks([input('i', button('b'))], 'modal')).toEqual(['blocks[0].element.type: "button" is not allowed in an input block']);
  });

  it('rejects unknown block types and non-arrays', () => {
    expect(checkBlocks([{ type: 'sektion' }], 'message')).toEqual(['blocks[0].type: unknown block type "sektion"']);
    expect(checkBlocks({ type: 'section' }, 'message')).toEqual(['blocks: must be an array of blocks']);
  });

  it('counts the text a person reads', () => {
    expect(blocksTextLength([section('abc'), { type: 'context', elements: [mrkdwn('de')] }])).toBe(5);
  });

  it('exposes its limits', () => {
    expect(BLOCK_KIT_LIMITS).toMatchObject({ blocksPerMessage: 50, blocksPerView: 100, sectionText: 3000, headerText: 150 });
  });
});

describe('checkView', () => {
  const modal = (extra: Record<string, unknown> = {}) => ({
    type: 'modal',
    title: plain('Declare incident'),
    submit: plain('Declare'),
    close: plain('Cancel'),
    blocks: [input('title', { type: 'plain_text_input', action_id: 'v' })],
    ...extra,
  });

  it('accepts a valid modal', () => {
    expect(checkView(modal(), ['modal'])).toEqual([]);
  });

  it('limits title, submit and close to 24 characters', () => {
    expect(checkView(modal({ title: plain('t'.repeat(25)), submit: plain('s'.repeat(25)), close: plain('c'.repeat(25)) }), ['modal'])).toEqual([
      'view.title.text: must be at most 24 characters (got 25)',
      'view.submit.text: must be at most 24 characters (got 25)',
      'view.close.text: must be at most 24 characters (got 25)',
    ]);
  });

  it('limits private_metadata to 3000 and callback_id to 255', () => {
    expect(checkView(modal({ private_metadata: 'p'.repeat(3001), callback_id: 'c'.repeat(256) }), ['modal'])).toEqual([
      'view.private_metadata: must be at most 3000 characters (got 3001)',
      'view.callback_id: must be at most 255 characters (got 256)',
    ]);
  });

  it('checks blocks with the view surface and the type against the method', () => {
    expect(checkView({ type: 'home', blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) }, ['home'])).toEqual([
      'view.blocks: must have at most 100 blocks in a Home tab (got 101)',
    ]);
    expect(checkView(modal(), ['home'])).toEqual(['view.type: must be "home" for this method']);
  });
});
