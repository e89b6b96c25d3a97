// Starts the built bot (dist/, as `npm start` runs it) as a process of its own, configured from
// the environment like production, with two changes for tests that kill and restart it:
// - its clock runs CLOCK_OFFSET_MS ahead, so a restart can behave as if the bot had been down
//   long enough for every lease the killed process held to run out;
// - background jobs run every JOBS_EVERY_MS.
const { loadConfig } = require('../../dist/src/config');
const { createLogger } = require('../../dist/src/logger');
const { startBot } = require('../../dist/src/start-bot');

const offsetMs = Number(process.env.CLOCK_OFFSET_MS ?? 0);
const everyMs = Number(process.env.JOBS_EVERY_MS ?? 100);
const config = loadConfig();
const logger = createLogger(config.log);

startBot(config, {
  logger,
  clock: { now: () => new Date(Date.now() + offsetMs) },
  jobs: {
    resumeSetupsEveryMs: everyMs,
    postmortemRemindersEveryMs: everyMs,
    remindersEveryMs: everyMs,
    replayInboxEveryMs: everyMs,
  },
}).catch((err) => {
  logger.fatal({ err }, 'the bot could not start');
  process.exitCode = 1;
});
