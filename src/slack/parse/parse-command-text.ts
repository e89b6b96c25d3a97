/** `/incident status resolved` → `{ subcommand: 'status', args: 'resolved' }`. */
export interface ParsedCommand {
  subcommand: string;
  args: string;
}

export function parseCommandText(text: string | undefined): ParsedCommand {
  const trimmed = (text ?? '').trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return { subcommand: '', args: '' };
  return { subcommand: (match[1] ?? '').toLowerCase(), args: (match[2] ?? '').trim() };
}
