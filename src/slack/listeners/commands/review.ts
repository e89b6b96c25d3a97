import { AppError } from '../../../errors';
import { scheduleReview } from '../../../postmortems/schedule-review';
import { reviewScheduledText } from '../../blocks/account-replies';
import { typedText } from '../../parse/command-text';
import { readMeetingTime } from '../../parse/meeting-time';
import { personDay } from '../../surfaces/person-day';
import type { IncidentSubcommand } from './subcommand';

/**
 * `/incident review <date> <time>`: schedules the review meeting on the person's own calendar
 * ("tomorrow 2pm", "friday 9:30", "2026-12-08 14:00"), which posts the one invitation in the
 * channel. Without a date and time, the ones saved in the post-mortem draft are used.
 */
export const review: IncidentSubcommand = {
  name: 'review',
  scope: 'incident',
  async run(ctx, incident) {
    const { client, command } = ctx.args;
    let when;
    if (ctx.text) {
      const { today } = await personDay(ctx.deps, client, command.user_id);
      const reading = readMeetingTime(typedText(ctx.text), today);
      if (!reading.ok) throw new AppError('invalid_input', reading.problem);
      when = reading.when;
    }
    return reviewScheduledText(incident, await scheduleReview(ctx.services.postmortems, incident.id, command.user_id, when));
  },
};
