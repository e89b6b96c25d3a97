import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

/** Where Debian's `prometheus-alertmanager` package puts the binary. */
const DEBIAN_BINARY = '/usr/bin/prometheus-alertmanager';

/** What a test says when it skips for want of the binary. */
export const ALERTMANAGER_ABSENT = "Alertmanager is not installed: install Debian's prometheus-alertmanager to run this test";

/** How long Alertmanager may take to answer `/-/ready`, and to exit once asked to. */
const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
/** Its output is kept for failure messages; only the end of a runaway log is worth keeping. */
const MAX_LOG_CHARS = 1_000_000;

/**
 * The path of a real Alertmanager (Debian's, then `alertmanager` on PATH), or undefined when
 * there is none, so a test can skip with ALERTMANAGER_ABSENT.
 */
export function alertmanagerBinary(): string | undefined {
  const candidates = [
    DEBIAN_BINARY,
    ...(process.env.PATH ?? '')
      .split(path.delimiter)
      .filter(Boolean)
      .map((dir) => path.join(dir, 'alertmanager')),
  ];
  return candidates.find(isExecutable);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export interface AlertmanagerOptions {
  /** Where the webhook receiver posts every notification. */
  webhookUrl: string;
  /** Sent as `Authorization: Bearer <token>`. */
  bearerToken: string;
  /** How long a new group waits for more alerts before its first notification. Default `1s`. */
  groupWait?: string;
  /**
   * How often a group that has changed (a new or a resolved alert) is notified again. Default `1s`
   * (Alertmanager's own is 5m): a resolved alert is sent at the group's next tick.
   */
  groupInterval?: string;
  /** How often an unchanged firing group is notified again. Default `1h` (Alertmanager's own is 4h). */
  repeatInterval?: string;
  /** Labels alerts are grouped by (`['...']` groups by all of them). Default `['alertname']`. */
  groupBy?: string[];
}

/** An alert as posted to Alertmanager's v2 API, as Prometheus would. */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  /** Defaults (in Alertmanager) to when it was received. */
  startsAt?: Date;
  /** In the past: resolved. Absent: firing until `resolve_timeout` (5m) passes without a repost. */
  endsAt?: Date;
  generatorURL?: string;
}

export interface RunningAlertmanager {
  /** Its base URL, e.g. `http://127.0.0.1:40123`; also its `--web.external-url` (the webhook's `externalURL`). */
  url: string;
  /** Posts alerts with `POST /api/v2/alerts`; rejects unless Alertmanager accepted them. */
  postAlerts(alerts: PostableAlert[]): Promise<void>;
  /** Everything it has printed (debug level), for failure messages. */
  logs(): string;
  /** Kills it, waits until it has exited and removes its temporary directory. Safe to call twice. */
  stop(): Promise<void>;
}

/** The configuration written for one Alertmanager: one route to one webhook receiver. */
export function alertmanagerConfig(options: AlertmanagerOptions): string {
  const config = {
    route: {
      receiver: 'bot',
      group_by: options.groupBy ?? ['alertname'],
      group_wait: options.groupWait ?? '1s',
      group_interval: options.groupInterval ?? '1s',
      repeat_interval: options.repeatInterval ?? '1h',
    },
    receivers: [
      {
        name: 'bot',
        webhook_configs: [
          {
            url: options.webhookUrl,
            send_resolved: true,
            // 0: every alert of the group in each notification.
            max_alerts: 0,
            http_config: { authorization: { type: 'Bearer', credentials: options.bearerToken } },
          },
        ],
      },
    ],
  };
  return stringify(config);
}

/**
 * Starts a real Alertmanager that sends every notification to `webhookUrl`, with clustering off
 * (no gossip port, and no waiting for peers to settle before notifying), its state in a
 * temporary directory, and resolves once `/-/ready` answers. If it fails to start, it is stopped
 * and the error carries what it printed.
 */
export async function startAlertmanager(options: AlertmanagerOptions): Promise<RunningAlertmanager> {
  const binary = alertmanagerBinary();
  if (!binary) throw new Error(ALERTMANAGER_ABSENT);

  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'alertmanager-'));
  let child: ChildProcess | undefined;
  let output = '';
  const record = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > MAX_LOG_CHARS) output = output.slice(-MAX_LOG_CHARS);
  };
  // A test process that dies without calling stop() must not leave Alertmanager running.
  const killOnExit = () => child?.kill('SIGKILL');

  // Set once it has exited, or failed to spawn at all.
  let gone = false;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      process.off('exit', killOnExit);
      if (child && !gone && child.exitCode === null && child.signalCode === null) {
        const running = child;
        const exited = new Promise<void>((resolve) => {
          running.once('exit', () => resolve());
          running.once('error', () => resolve());
        });
        running.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>((resolve) => {
          timer = setTimeout(() => resolve('late'), STOP_TIMEOUT_MS);
        });
        const how = await Promise.race([exited, late]);
        clearTimeout(timer);
        if (how === 'late') {
          running.kill('SIGKILL');
          await exited;
        }
      }
      await fs.promises.rm(dir, { recursive: true, force: true });
    })();
    return stopping;
  };

  try {
    const configFile = path.join(dir, 'alertmanager.yml');
    await fs.promises.writeFile(configFile, alertmanagerConfig(options));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;

    child = spawn(
      binary,
      [
        `--config.file=${configFile}`,
        `--storage.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        `--web.external-url=${url}`,
        // Empty turns clustering off (0.25 documents this): no gossip port to pick.
        '--cluster.listen-address=',
        '--log.level=debug',
      ],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, HOME: dir } },
    );
    process.on('exit', killOnExit);
    child.stdout!.on('data', record);
    child.stderr!.on('data', record);

    const started = child;
    const failed = new Promise<never>((_, reject) => {
      started.once('error', (error) => {
        gone = true;
        reject(new Error(`could not start ${binary}: ${error.message}`));
      });
      started.once('exit', (code, signal) => {
        gone = true;
        reject(new Error(`Alertmanager exited (${signal ?? `code ${code}`}) before it was ready`));
      });
    });
    // Once ready, a later exit (stop()) is nobody's error here.
    failed.catch(() => undefined);
    const ready = waitFor(
      async () => {
        // Stop polling once it is gone; `failed` has already said why.
        if (gone) return true;
        const response = await fetch(`${url}/-/ready`).catch(() => undefined);
        await response?.body?.cancel();
        return response?.status === 200;
      },
      { timeoutMs: READY_TIMEOUT_MS, intervalMs: 25 },
    );
    await Promise.race([ready, failed]);

    return {
      url,
      logs: () => output,
      stop,
      async postAlerts(alerts) {
        const body = alerts.map((alert) => ({
          labels: alert.labels,
          annotations: alert.annotations ?? {},
          ...(alert.startsAt ? { startsAt: alert.startsAt.toISOString() } : {}),
          ...(alert.endsAt ? { endsAt: alert.endsAt.toISOString() } : {}),
          ...(alert.generatorURL !== undefined ? { generatorURL: alert.generatorURL } : {}),
        }));
        const response = await fetch(`${url}/api/v2/alerts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const text = await response.text();
        if (response.status !== 200) {
          throw new Error(`Alertmanager refused the alerts: ${response.status} ${text}\n${output}`);
        }
      },
    };
  } catch (error) {
    await stop();
    if (error instanceof Error) error.message = `${error.message}\nAlertmanager's output:\n${output}`;
    throw error;
  }
}
