// Starts the built bot (dist/, as `npm start` runs it) as a process of its own, configured from
// the environment like production, with these changes for tests that kill and restart it:
// - its clock runs CLOCK_OFFSET_MS ahead, so a restart can behave as if the bot had been down
//   long enough for every lease the killed process held to run out;
// - background jobs (the tracker sync included, not the tracker poll) run every JOBS_EVERY_MS;
// - when started with an IPC channel, it answers `{ jobRan: name, id }` with `{ id }` once a run
//   of that job which started after the question has finished (see spawn-bot.ts);
// - SIGTERM stops it gracefully, as `npm start` does.
const { loadConfig } = require('../../dist/src/config');
const { createLogger } = require('../../dist/src/logger');
const { startBot } = require('../../dist/src/start-bot');

const offsetMs = Number(process.env.CLOCK_OFFSET_MS ?? 0);
const everyMs = Number(process.env.JOBS_EVERY_MS ?? 100);
const config = loadConfig();
const logger = createLogger(config.log);

const started = startBot(config, {
  logger,
  clock: { now: () => new Date(Date.now() + offsetMs) },
  jobs: {
    resumeSetupsEveryMs: everyMs,
    postmortemRemindersEveryMs: everyMs,
    remindersEveryMs: everyMs,
    replayInboxEveryMs: everyMs,
    processAlertsEveryMs: everyMs,
    syncIssuesEveryMs: everyMs,
    // How soon replicas learn of each other, for tests about sharing Slack's budget.
    ...(process.env.REPLICA_BEAT_EVERY_MS ? { replicaBeatEveryMs: Number(process.env.REPLICA_BEAT_EVERY_MS) } : {}),
  },
});

started.then(
  (bot) => {
    process.once('SIGTERM', () => {
      bot.stop().then(
        () => process.exit(0),
        (err) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  },
  (err) => {
    logger.fatal({ err }, 'the bot could not start');
    process.exitCode = 1;
  },
);

if (process.send) {
  // Listening from the start: a question may come as soon as /healthz answers.
  process.on('message', (message) => {
    void started.then((bot) => {
      const job = bot.jobs.get(message.jobRan);
      if (!job) return process.send({ id: message.id, error: `no job called ${message.jobRan}` });
      return job.nextRun().then(() => process.send({ id: message.id }));
    });
  });
  // The channel must not keep a stopped bot alive.
  process.channel.unref();
}
