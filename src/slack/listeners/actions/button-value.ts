import type { ActionArgs } from '../route-by-id';

/** The value a button or a menu option carried (an incident, entry or item id), '' when none. */
export function buttonValue(args: ActionArgs): string {
  const action = args.action as { value?: string; selected_option?: { value?: string } };
  return action.value ?? action.selected_option?.value ?? '';
}
