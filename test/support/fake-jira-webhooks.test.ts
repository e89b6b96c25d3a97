import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Ajv from 'ajv';
import { FakeJira } from '../../tools/fake-trackers/jira';
import { adf, jiraApi } from './jira-api';

interface Received {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  // Webhook bodies are read freely here; the schema check below vouches for their shape.
  payload: any;
}

/** A webhook receiver on a free port that keeps every request and answers `status`. */
async function startReceiver(status = 204): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      received.push({ headers: req.headers, raw, payload: JSON.parse(raw.toString('utf8')) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/trackers/jira`, received, server };
}

/** What a receiver does: HMAC-SHA256 of the raw body with the shared secret, compared in constant time. */
function signatureVerifies(raw: Buffer, header: string | string[] | undefined, secret: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
  const given = Buffer.from(typeof header === 'string' ? header : '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// Compiled here from the reference file, not through the fake, so the fake does not vouch for itself.
const webhookSchema = JSON.parse(readFileSync(path.join(__dirname, '../../tools/fake-trackers/jira/reference/webhook-issue-event.schema.json'), 'utf8'));
const validWebhook = new Ajv({ strict: false, allErrors: true }).compile(webhookSchema);

describe('FakeJira webhooks', () => {
  const secret = 'admin-webhook-secret';
  let jira: FakeJira;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let dana: string;

  beforeEach(async () => {
    jira = await FakeJira.start();
    receiver = await startReceiver();
    dana = jira.addUser({ displayName: 'Dana Owner', emailAddress: 'dana@example.com' }).accountId;
  });
  afterEach(async () => {
    await jira.stop();
    await new Promise((resolve) => receiver.server.close(resolve));
    expect(jira.problems).toEqual([]);
  });

  const createIssue = () =>
    jiraApi(jira, 'POST', '/rest/api/3/issue', {
      body: { fields: { project: { key: 'OPS' }, issuetype: { name: 'Task' }, summary: 'Add alerting', description: adf('From INC-7'), labels: ['incident'] } },
    });

  it('signs each event with X-Hub-Signature and sends bodies that validate, as the issue was at the time', async () => {
    jira.subscribe(receiver.url, secret);
    await createIssue();
    jira.transitionAsUser('OPS-1', dana, 'Done');
    jira.transitionAsUser('OPS-1', dana, 'Reopen');
    await jira.webhooksDelivered();

    expect(receiver.received).toHaveLength(3);
    for (const { raw, headers, payload } of receiver.received) {
      expect(signatureVerifies(raw, headers['x-hub-signature'], secret)).toBe(true);
      expect(signatureVerifies(raw, headers['x-hub-signature'], 'another-secret')).toBe(false);
      expect(headers['x-hub-signature-256']).toBeUndefined();
      expect(headers['x-atlassian-webhook-retry']).toBe('0');
      expect(headers['x-atlassian-webhook-flow']).toBe('Primary');
      expect(validWebhook(payload)).toBe(true);
    }
    const [created, closed, reopened] = receiver.received.map((r) => r.payload);
    expect(created).toMatchObject({ webhookEvent: 'jira:issue_created', issue_event_type_name: 'issue_created', user: { accountId: jira.account.accountId }, issue: { key: 'OPS-1', fields: { labels: ['incident'] } } });
    expect(closed).toMatchObject({
      webhookEvent: 'jira:issue_updated',
      issue_event_type_name: 'issue_generic',
      user: { accountId: dana },
      issue: { fields: { status: { name: 'Done', statusCategory: { key: 'done' } }, resolution: { name: 'Done' } } },
      changelog: {
        items: [
          { field: 'resolution', from: null, to: '10000', toString: 'Done' },
          { field: 'status', fromString: 'To Do', toString: 'Done' },
        ],
      },
    });
    expect(reopened.issue.fields.status.statusCategory.key).toBe('new');
    expect(new Set(receiver.received.map((r) => r.headers['x-atlassian-webhook-identifier'])).size).toBe(3);
    expect(jira.deliveries.map((d) => [d.event, d.status])).toEqual([
      ['jira:issue_created', 204],
      ['jira:issue_updated', 204],
      ['jira:issue_updated', 204],
    ]);
  });

  it('reports reassignment, a new due date and a comment made by a person in Jira', async () => {
    await createIssue();
    jira.subscribe(receiver.url, secret);
    jira.assignAsUser('OPS-1', dana, dana);
    jira.setDueDateAsUser('OPS-1', dana, '2030-03-01');
    jira.commentAsUser('OPS-1', dana, 'Done by Friday.');
    await jira.webhooksDelivered();

    const [assigned, due, commented] = receiver.received.map((r) => r.payload);
    expect(assigned).toMatchObject({ issue_event_type_name: 'issue_assigned', changelog: { items: [{ field: 'assignee', from: null, to: dana, toString: 'Dana Owner' }] } });
    expect(due).toMatchObject({ issue_event_type_name: 'issue_updated', changelog: { items: [{ field: 'duedate', to: '2030-03-01' }] }, issue: { fields: { duedate: '2030-03-01' } } });
    expect(commented).toMatchObject({ issue_event_type_name: 'issue_commented', comment: { author: { accountId: dana }, body: adf('Done by Friday.') } });
    expect(commented).not.toHaveProperty('changelog');
    expect(receiver.received.every((r) => validWebhook(r.payload))).toBe(true);
  });

  it('drops a delivery, and redelivers it later with the same identifier', async () => {
    await createIssue();
    jira.subscribe(receiver.url, secret);
    jira.dropWebhooks(1);
    jira.assignAsUser('OPS-1', dana, dana);
    jira.setDueDateAsUser('OPS-1', dana, '2030-03-01');
    await jira.webhooksDelivered();

    expect(receiver.received.map((r) => r.payload.issue_event_type_name)).toEqual(['issue_updated']);
    const [dropped] = jira.deliveries;
    expect(dropped).toMatchObject({ dropped: true, event: 'jira:issue_updated' });
    expect(dropped?.status).toBeUndefined();

    jira.redeliver(dropped?.identifier ?? '');
    await jira.webhooksDelivered();
    const late = receiver.received[1];
    expect(late?.payload.issue_event_type_name).toBe('issue_assigned');
    expect(late?.headers['x-atlassian-webhook-identifier']).toBe(dropped?.identifier);
    expect(late?.headers['x-atlassian-webhook-retry']).toBe('1');
    expect(late?.raw.toString('utf8')).toBe(dropped?.body);
  });

  it('sends unsigned bodies without a secret, filters by JQL, and records a failing receiver', async () => {
    const failing = await startReceiver(500);
    try {
      jira.addProject({ key: 'DEV' });
      jira.subscribe(receiver.url, undefined, { jql: 'project = DEV' });
      jira.subscribe(failing.url, secret, { events: ['jira:issue_created'] });
      jira.createIssueAsUser(dana, { summary: 'In OPS' });
      jira.createIssueAsUser(dana, { project: { key: 'DEV' }, summary: 'In DEV' });
      jira.assignAsUser('DEV-1', dana, dana);
      await jira.webhooksDelivered();

      expect(receiver.received.map((r) => [r.payload.issue.key, r.payload.webhookEvent])).toEqual([
        ['DEV-1', 'jira:issue_created'],
        ['DEV-1', 'jira:issue_updated'],
      ]);
      expect(receiver.received[0]?.headers['x-hub-signature']).toBeUndefined();
      expect(failing.received).toHaveLength(2);
      expect(jira.deliveries.filter((d) => d.url === failing.url).map((d) => d.status)).toEqual([500, 500]);
    } finally {
      await new Promise((resolve) => failing.server.close(resolve));
    }
  });
});
