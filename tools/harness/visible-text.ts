/** All text a person would read in a message or view: its fallback text and every text object. */
export function visibleText(message: { text?: string; blocks?: unknown[] } | undefined): string {
  if (!message) return '';
  const texts: string[] = message.text ? [message.text] : [];
  JSON.stringify(message.blocks ?? [], (key, value) => {
    if (key === 'text' && typeof value === 'string') texts.push(value);
    return value;
  });
  return texts.join('\n');
}

/** The action ids of every button in a message or view, as a person would see them to click. */
export function buttonsOf(message: { blocks?: unknown[] } | undefined): Array<{ text: string; actionId: string; value?: string }> {
  const buttons: Array<{ text: string; actionId: string; value?: string }> = [];
  JSON.stringify(message?.blocks ?? [], (_key, value) => {
    if (value && typeof value === 'object' && value.type === 'button') {
      buttons.push({ text: value.text?.text, actionId: value.action_id, value: value.value });
    }
    return value;
  });
  return buttons;
}
