import { createHmac } from 'node:crypto';
import autocannon from 'autocannon';

/**
 * Runs in a process of its own (so it does not share a core's event loop with either app): sends
 * signed Slack requests at an app for a while and prints throughput and ack latency as JSON.
 */
export interface LoadSpec {
  url: string;
  secret: string;
  kind: 'command' | 'event' | 'action';
  seconds: number;
  connections: number;
  /** Requests per second for a fixed-rate run; as fast as possible when absent. */
  rate?: number;
  fixture: { teamId: string; appId: string; botUserId: string; userId: string; channelId: string; messageTs: string[] };
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
}

function bodyFor(spec: LoadSpec, n: number, run: string): { body: string; type: string } {
  const f = spec.fixture;
  if (spec.kind === 'command') {
    const form = new URLSearchParams({
      token: 'legacy',
      team_id: f.teamId,
      team_domain: 'bench',
      channel_id: f.channelId,
      channel_name: 'incidents',
      user_id: f.userId,
      user_name: 'alice',
      command: '/incident',
      text: 'help',
      api_app_id: f.appId,
      response_url: `https://hooks.slack.com/commands/${f.teamId}/${n}/x`,
      trigger_id: `${n}.1.abc`,
    });
    return { body: form.toString(), type: 'application/x-www-form-urlencoded' };
  }
  const ts = f.messageTs[n % f.messageTs.length] as string;
  if (spec.kind === 'event') {
    const now = Math.floor(Date.now() / 1000);
    const envelope = {
      token: 'legacy',
      team_id: f.teamId,
      api_app_id: f.appId,
      event: { type: 'reaction_added', user: f.userId, reaction: 'pushpin', item: { type: 'message', channel: f.channelId, ts }, item_user: f.userId, event_ts: `${now}.${n}` },
      type: 'event_callback',
      event_id: `Ev${run}${n}`,
      event_time: now,
      authorizations: [{ team_id: f.teamId, user_id: f.botUserId, is_bot: true, is_enterprise_install: false }],
    };
    return { body: JSON.stringify(envelope), type: 'application/json' };
  }
  const payload = {
    type: 'block_actions',
    user: { id: f.userId, username: 'alice', name: 'alice', team_id: f.teamId },
    api_app_id: f.appId,
    token: 'legacy',
    container: { type: 'message', message_ts: ts, channel_id: f.channelId, is_ephemeral: false },
    trigger_id: `${n}.1.abc`,
    team: { id: f.teamId, domain: 'bench' },
    channel: { id: f.channelId, name: 'incidents' },
    message: { type: 'message', ts, text: 'An action item' },
    response_url: `https://hooks.slack.com/actions/${f.teamId}/${n}/x`,
    actions: [{ action_id: 'item_open_incident', block_id: 'item', type: 'button', value: 'x', action_ts: `${Date.now() / 1000}` }],
  };
  return { body: `payload=${encodeURIComponent(JSON.stringify(payload))}`, type: 'application/x-www-form-urlencoded' };
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] as string) as LoadSpec;
  const run = Math.random().toString(36).slice(2, 8);
  let n = 0;
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    ...(spec.rate ? { overallRate: spec.rate } : {}),
    requests: [
      {
        method: 'POST',
        path: '/slack/events',
        setupRequest: (request) => {
          n += 1;
          const { body, type } = bodyFor(spec, n, run);
          const timestamp = String(Math.floor(Date.now() / 1000));
          const signature = `v0=${createHmac('sha256', spec.secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
          return {
            ...request,
            body,
            headers: { 'content-type': type, 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature },
          };
        },
      },
    ],
  });
  const out: LoadResult = {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

if (require.main === module) void main();
