import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/client.js';
import type { DB, Task, TaskAnchor, TaskStatus } from '../../db/types.js';
import type { Actor, Written } from '../../db/write.js';
import { createEntity, deleteEntity, updateEntity } from '../entities.js';
import { AUTOMATIC_TASKS } from './rules.js';

/**
 * Contract dates create tasks: a cut-off, a date-hold expiry and every payment's due date each make
 * one internal task of the event's management agency, due a few days before the date, so it moves
 * when the date moves. The task follows the contract: a signed contract's hold is DONE, a paid
 * payment is DONE (and TODO again if the payment is unmarked), a cancelled contract or a date taken
 * away cancels what is still open. Everything else about the task (assignee, notes, its status
 * otherwise) is management's to keep.
 */

type Wanted = {
  anchor: TaskAnchor;
  contractId: string | null;
  paymentId: string | null;
  title: string;
  forced: TaskStatus | null;
  present: boolean;
};

const isOpen = (status: TaskStatus) => status === 'TODO' || status === 'IN_PROGRESS';

async function managementOf(tx: Transaction<DB>, eventId: string): Promise<string | null> {
  const row = await tx
    .selectFrom('event_member')
    .select('organization_id')
    .where('event_id', '=', eventId)
    .where('role', '=', 'MANAGEMENT')
    .orderBy('created_at')
    .executeTakeFirst();
  return row?.organization_id ?? null;
}

/** Brings a contract's automatic tasks in step with it, inside the caller's transaction. */
export async function syncContractTasks(tx: Transaction<DB>, actor: Actor, contractId: string): Promise<void> {
  const contract = await tx.selectFrom('contract').selectAll().where('id', '=', contractId).executeTakeFirst();
  if (!contract) return;
  const owner = await managementOf(tx, contract.event_id);
  if (!owner) return;
  const payments = await tx.selectFrom('contract_payment').selectAll().where('contract_id', '=', contractId).execute();
  const cancelled = contract.status === 'CANCELLED';
  const wanted: Wanted[] = [
    {
      anchor: 'CONTRACT_CUT_OFF',
      contractId,
      paymentId: null,
      title: AUTOMATIC_TASKS.CONTRACT_CUT_OFF.title(contract.title),
      forced: null,
      present: contract.cut_off_date != null,
    },
    {
      anchor: 'CONTRACT_DATE_HOLD',
      contractId,
      paymentId: null,
      title: AUTOMATIC_TASKS.CONTRACT_DATE_HOLD.title(contract.title),
      forced: contract.status === 'SIGNED' ? 'DONE' : null,
      present: contract.date_hold_expires_on != null,
    },
    ...payments.map((p) => ({
      anchor: 'PAYMENT_DUE' as const,
      contractId: null,
      paymentId: p.id,
      title: AUTOMATIC_TASKS.PAYMENT_DUE.title(contract.title, p.label),
      forced: p.paid_on ? ('DONE' as const) : null,
      present: true,
    })),
  ];
  const existing = await tx
    .selectFrom('task')
    .selectAll()
    .where('automatic', '=', true)
    .where((eb) =>
      eb.or([
        eb('contract_id', '=', contractId),
        ...(payments.length
          ? [
              eb(
                'payment_id',
                'in',
                payments.map((p) => p.id),
              ),
            ]
          : []),
      ]),
    )
    .execute();
  for (const want of wanted) {
    const task = existing.find(
      (t) => t.anchor === want.anchor && (want.paymentId ? t.payment_id === want.paymentId : t.contract_id === want.contractId),
    );
    const status = statusFor(want, task, cancelled);
    if (!task) {
      if (!want.present || cancelled) continue;
      await createEntity(tx, actor, 'task', contract.event_id, async () => ({
        title: want.title,
        organization_id: owner,
        internal: true,
        automatic: true,
        anchor: want.anchor,
        offset_days: AUTOMATIC_TASKS[want.anchor as keyof typeof AUTOMATIC_TASKS].offsetDays,
        contract_id: want.contractId,
        payment_id: want.paymentId,
        status,
        completed_at: status === 'DONE' ? new Date() : null,
        depends_on: [],
      }));
    } else if (task.title !== want.title || task.status !== status) {
      await updateEntity(tx, actor, 'task', task.id, null, {
        title: want.title,
        status,
        completed_at: status === 'DONE' ? (task.completed_at ?? new Date()) : null,
      });
    }
  }
}

function statusFor(want: Wanted, task: Task | undefined, cancelled: boolean): TaskStatus {
  const current = task?.status ?? 'TODO';
  if (want.forced) return want.forced;
  if (!want.present || cancelled) return isOpen(current) ? 'CANCELLED' : current;
  // A payment unmarked as paid, or a date given back, opens its task again.
  if ((want.anchor === 'PAYMENT_DUE' && current === 'DONE') || current === 'CANCELLED') return 'TODO';
  return current;
}

/** Runs a contract write and keeps the contract's tasks in step, in one transaction. */
export async function withContractTasks<T>(
  db: Database,
  actor: Actor,
  contractOf: (row: T) => string,
  write: (tx: Transaction<DB>) => Promise<Written<T>>,
): Promise<Written<T>> {
  const run = async (tx: Transaction<DB>) => {
    const written = await write(tx);
    await syncContractTasks(tx, actor, contractOf(written.result));
    return written;
  };
  return db.isTransaction ? run(db as Transaction<DB>) : db.transaction().execute(run);
}

/** Before a contract or a payment is deleted: the tasks that count from it go too (each a change), and nothing waits for them. */
export async function deleteAnchoredTasks(
  tx: Transaction<DB>,
  actor: Actor,
  anchor: { contractId?: string; paymentIds?: readonly string[] },
) {
  const tasks = await tx
    .selectFrom('task')
    .select(['id'])
    .where((eb) =>
      eb.or([
        ...(anchor.contractId ? [eb('contract_id', '=', anchor.contractId)] : []),
        ...(anchor.paymentIds?.length ? [eb('payment_id', 'in', anchor.paymentIds)] : []),
      ]),
    )
    .execute();
  const ids = tasks.map((t) => t.id);
  if (!ids.length) return;
  const waiting = await tx
    .selectFrom('task')
    .select(['id', 'depends_on'])
    .where(sql<boolean>`depends_on && ${ids}::uuid[]`)
    .execute();
  for (const w of waiting) await updateEntity(tx, actor, 'task', w.id, null, { depends_on: w.depends_on.filter((d) => !ids.includes(d)) });
  for (const id of ids) await deleteEntity(tx, actor, 'task', id, null);
}
