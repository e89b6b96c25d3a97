/**
 * A form's problems, keyed by the domain's field names, as Slack's `errors` keyed by block id;
 * null when there are none.
 */
export function fieldErrors(
  problems: Partial<Record<string, string>>,
  blocks: Readonly<Record<string, string>>,
): Record<string, string> | null {
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(problems)) {
    const block = blocks[field];
    if (block && message) errors[block] = message;
  }
  return Object.keys(errors).length > 0 ? errors : null;
}
