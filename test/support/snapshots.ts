/**
 * @module
 * Running a night's snapshot in tests: the cron handler with a queue that keeps what it is sent, then each message
 * delivered to the Worker's `queue` handler in a batch of its own, as `max_batch_size = 1` delivers them.
 */
import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { Bindings } from '../../worker/env';
import type { SnapshotMessage } from '../../worker/services/jobs/snapshot';
import worker from './worker';

let delivery = 0;

/** A stand-in for the SNAPSHOT_QUEUE producer that records every message sent. */
export function recordingQueue(): { queue: Queue<SnapshotMessage>; sent: SnapshotMessage[] } {
  const sent: SnapshotMessage[] = [];
  const queue = {
    send: async (body: SnapshotMessage) => {
      sent.push(body);
    },
    sendBatch: async (messages: Iterable<MessageSendRequest<SnapshotMessage>>) => {
      for (const message of messages) sent.push(message.body);
    },
  } as unknown as Queue<SnapshotMessage>;
  return { queue, sent };
}

/** Runs the cron at `scheduledTime` and returns the messages it enqueued. */
export async function runCron(scheduledTime: number, bindings: Partial<Bindings> = {}): Promise<SnapshotMessage[]> {
  const { queue, sent } = recordingQueue();
  const controller = createScheduledController({ scheduledTime, cron: '30 17 * * *' });
  await worker.scheduled(controller, { ...env, SNAPSHOT_QUEUE: queue, ...bindings }, createExecutionContext());
  return sent;
}

/** Delivers one message to the queue handler; true when it was acknowledged, false when it asked for a retry. */
export async function deliver(body: SnapshotMessage, attempts = 1): Promise<boolean> {
  delivery += 1;
  const batch = createMessageBatch<SnapshotMessage>('suara-layanan-snapshots', [
    { id: `message-${delivery}`, timestamp: new Date(), attempts, body },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  const result = await getQueueResult(batch, ctx);
  return result.explicitAcks.includes(`message-${delivery}`);
}

/** The whole night: the cron, then every message delivered once in order (partitions first, the index last). */
export async function runNight(scheduledTime: number): Promise<SnapshotMessage[]> {
  const messages = await runCron(scheduledTime);
  for (const message of messages) await deliver(message);
  return messages;
}
