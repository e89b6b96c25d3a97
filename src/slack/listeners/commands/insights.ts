import { AppError } from '../../../errors';
import { PERIOD_NAMES, insightPeriod, parsePeriodName } from '../../../insights/insight-period';
import { hasChart } from '../../../insights/insight-figures';
import { insightsFor, sendInsightsChart } from '../../../insights/insights';
import { insightsMessage } from '../../blocks/insights-message';
import { COMMAND } from '../../ids';
import { personDay } from '../../surfaces/person-day';
import type { AnywhereSubcommand } from './subcommand';

/**
 * `/incident insights [30d|90d|quarter|year]`: the figures for the person alone, counting private
 * incidents only where they are in the channel now. A private reply cannot carry a file, so the
 * chart goes to their DM with the bot.
 */
export const insights: AnywhereSubcommand = {
  name: 'insights',
  scope: 'anywhere',
  async run(ctx) {
    const { client, command } = ctx.args;
    const name = parsePeriodName(ctx.text);
    if (!name) throw new AppError('invalid_input', `\`${COMMAND} insights\` takes one of ${PERIOD_NAMES.join(', ')} (30d when none is given).`);
    await ctx.args.ack();
    const { timeZone, today } = await personDay(ctx.deps, client, command.user_id);
    const deps = ctx.services.insights;
    const figures = await insightsFor(deps, command.user_id, insightPeriod(name, ctx.deps.clock.now(), timeZone), today);
    await ctx.args.respond({ response_type: 'ephemeral', ...insightsMessage(figures, { chartInDm: hasChart(figures) }) });
    await sendInsightsChart(deps, command.user_id, figures);
  },
};
