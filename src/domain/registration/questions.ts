import { sql, type Transaction } from 'kysely';
import type { Database, Executor } from '../../db/client.js';
import type { Answers, DB, QuestionKind } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { createEntity, deleteEntity, updateEntity } from '../entities.js';

/**
 * The event's own registration questions ("Which region are you in?", "T-shirt size") and the
 * invitation lists an invitation-only event invites people from. Answers live on the attendee,
 * keyed by question: a text, one of a CHOICE question's options, or several of a MULTIPLE_CHOICE
 * one's. A required question must be answered before someone is REGISTERED.
 */

type Tx = Transaction<DB>;

export type QuestionInput = {
  label: string;
  kind: QuestionKind;
  options?: string[] | null;
  required?: boolean | null;
  position?: number | null;
};

function checkOptions(kind: QuestionKind, options: readonly string[]): void {
  if (kind === 'TEXT' && options.length) throw new ValidationError({ field: 'options', message: 'a TEXT question has no options' });
  if (kind !== 'TEXT' && options.length < 2)
    throw new ValidationError({ field: 'options', message: `a ${kind} question needs at least two options` });
  if (new Set(options).size !== options.length) throw new ValidationError({ field: 'options', message: 'must not repeat an option' });
}

async function requireUniqueLabel(tx: Tx, eventId: string, label: string, except: string | null): Promise<void> {
  let query = tx.selectFrom('registration_question').select('id').where('event_id', '=', eventId).where('label', '=', label);
  if (except) query = query.where('id', '!=', except);
  if (await query.executeTakeFirst()) throw new ValidationError({ field: 'label', message: 'another question of this event asks this' });
}

export function createQuestion(db: Database, actor: Actor, eventId: string, input: QuestionInput) {
  const options = input.options ?? [];
  checkOptions(input.kind, options);
  return createEntity(db, actor, 'registration_question', eventId, async (tx) => {
    await requireUniqueLabel(tx, eventId, input.label, null);
    return {
      label: input.label,
      kind: input.kind,
      options: JSON.stringify(options),
      required: input.required ?? false,
      position: input.position ?? 0,
    };
  });
}

export function updateQuestion(db: Database, actor: Actor, id: string, expectedVersion: number, patch: Partial<QuestionInput>) {
  return updateEntity(
    db,
    actor,
    'registration_question',
    id,
    expectedVersion,
    {
      label: patch.label,
      kind: patch.kind,
      options: patch.options == null ? undefined : JSON.stringify(patch.options),
      required: patch.required ?? undefined,
      position: patch.position ?? undefined,
    },
    async (tx, next, before) => {
      const options = typeof next.options === 'string' ? (JSON.parse(next.options) as string[]) : next.options;
      checkOptions(next.kind, options);
      if (next.label !== before.label) await requireUniqueLabel(tx, next.event_id, next.label, id);
      if (next.kind !== before.kind || options.join('\n') !== before.options.join('\n')) {
        const answered = await tx
          .selectFrom('attendee')
          .select('id')
          .where('event_id', '=', next.event_id)
          .where(sql<boolean>`answers ? ${id}`)
          .limit(1)
          .executeTakeFirst();
        if (answered)
          throw new ValidationError({
            field: patch.kind ? 'kind' : 'options',
            message: 'people have answered it: add a new question instead',
          });
      }
    },
  );
}

export function deleteQuestion(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'registration_question', id, expectedVersion, undefined, async (tx, row) => {
    const answered = await tx
      .selectFrom('attendee')
      .select('id')
      .where('event_id', '=', row.event_id)
      .where(sql<boolean>`answers ? ${id}`)
      .limit(1)
      .executeTakeFirst();
    if (answered) throw new ValidationError({ field: 'id', message: 'people have answered it; it stays with their answers' });
  });
}

export type AnswerInput = { questionId: string; text?: string | null; choices?: string[] | null };

/**
 * The answers after a write: `given` replaces the answers to the questions it names (no text and no
 * choices clears one). Each answer must fit its question, which must be of the event.
 */
export async function answersAfter(
  tx: Executor,
  eventId: string,
  current: Answers,
  given: readonly AnswerInput[] | null | undefined,
): Promise<Answers> {
  if (!given?.length) return current;
  const questions = await questionsOf(
    tx,
    eventId,
    given.map((g) => g.questionId),
  );
  const problem = (i: number, part: string, message: string) => new ValidationError({ field: `answers.${i}.${part}`, message });
  return fitAnswers(questions, current, given, problem);
}

export type Question = { id: string; label: string; kind: QuestionKind; options: string[]; required: boolean };

/** An event's questions (those of `ids` only, when given). */
export function questionsOf(db: Executor, eventId: string, ids?: string[]): Promise<Question[]> {
  let query = db.selectFrom('registration_question').select(['id', 'label', 'kind', 'options', 'required']).where('event_id', '=', eventId);
  if (ids) query = query.where('id', 'in', ids);
  return query.orderBy('position').execute();
}

/** `answersAfter` without the database: `problem(i, part, message)` makes the error for the i-th answer. */
export function fitAnswers(
  questions: readonly Question[],
  current: Answers,
  given: readonly AnswerInput[],
  problem: (i: number, part: string, message: string) => Error,
): Answers {
  const next: Answers = { ...current };
  for (const [i, answer] of given.entries()) {
    const question = questions.find((q) => q.id === answer.questionId);
    if (!question) throw problem(i, 'questionId', 'is not a registration question of this event');
    const choices = answer.choices ?? [];
    const text = answer.text?.trim() ?? '';
    if (!text && !choices.length) {
      delete next[question.id];
      continue;
    }
    if (question.kind === 'TEXT') {
      if (choices.length) throw problem(i, 'choices', `"${question.label}" is answered with a text`);
      if (text.length > 2000) throw problem(i, 'text', 'must be at most 2000 characters');
      next[question.id] = text;
      continue;
    }
    const picked = question.kind === 'CHOICE' ? (text ? [text] : choices) : choices;
    if (question.kind === 'MULTIPLE_CHOICE' && text) throw problem(i, 'text', `"${question.label}" is answered with choices`);
    if (question.kind === 'CHOICE' && picked.length !== 1) throw problem(i, 'choices', `"${question.label}" takes one choice`);
    const unknown = picked.find((c) => !question.options.includes(c));
    if (unknown !== undefined)
      throw problem(i, text ? 'text' : 'choices', `"${unknown}" is not an option of "${question.label}" (${question.options.join(', ')})`);
    next[question.id] = question.kind === 'CHOICE' ? picked[0]! : [...new Set(picked)];
  }
  return next;
}

/** The first required question `answers` leaves unanswered, or undefined. */
export function unanswered(questions: readonly Question[], answers: Answers): Question | undefined {
  return questions.find((q) => q.required && answers[q.id] === undefined);
}

/** Refuses REGISTERED while a required question is unanswered, naming it. */
export async function requireAnswered(tx: Executor, eventId: string, answers: Answers): Promise<void> {
  const missing = unanswered(await questionsOf(tx, eventId), answers);
  if (missing) throw new ValidationError({ field: 'answers', message: `"${missing.label}" must be answered before they are REGISTERED` });
}

export type InvitationListInput = { name: string; registrationTypeId?: string | null; notes?: string | null };

async function checkList(
  tx: Tx,
  eventId: string,
  next: { name: string; registration_type_id: string | null },
  id: string | null,
): Promise<void> {
  let named = tx.selectFrom('invitation_list').select('id').where('event_id', '=', eventId).where('name', '=', next.name);
  if (id) named = named.where('id', '!=', id);
  if (await named.executeTakeFirst())
    throw new ValidationError({ field: 'name', message: 'another invitation list of this event has this name' });
  if (next.registration_type_id) {
    const type = await tx.selectFrom('registration_type').select('event_id').where('id', '=', next.registration_type_id).executeTakeFirst();
    if (type?.event_id !== eventId)
      throw new ValidationError({ field: 'registrationTypeId', message: 'is not a registration type of this event' });
  }
}

export function createInvitationList(db: Database, actor: Actor, eventId: string, input: InvitationListInput) {
  return createEntity(db, actor, 'invitation_list', eventId, async (tx) => {
    const values = { name: input.name, registration_type_id: input.registrationTypeId ?? null, notes: input.notes ?? null };
    await checkList(tx, eventId, values, null);
    return values;
  });
}

export function updateInvitationList(db: Database, actor: Actor, id: string, expectedVersion: number, patch: Partial<InvitationListInput>) {
  return updateEntity(
    db,
    actor,
    'invitation_list',
    id,
    expectedVersion,
    { name: patch.name, registration_type_id: patch.registrationTypeId, notes: patch.notes },
    (tx, next) => checkList(tx, next.event_id, next, id),
  );
}

export function deleteInvitationList(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'invitation_list', id, expectedVersion, undefined, async (tx) => {
    const used = await tx.selectFrom('attendee').select('id').where('invitation_list_id', '=', id).limit(1).executeTakeFirst();
    if (used) throw new ValidationError({ field: 'id', message: 'people were invited from it; it stays as their record' });
  });
}

/** How many of each list's people stand at each status, in key order. */
export async function listCounts(db: Executor, listIds: readonly string[]): Promise<Record<string, number>[]> {
  const rows = await db
    .selectFrom('attendee')
    .select(['invitation_list_id', 'status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('invitation_list_id', 'in', listIds as string[])
    .groupBy(['invitation_list_id', 'status'])
    .execute();
  return listIds.map((id) => Object.fromEntries(rows.filter((r) => r.invitation_list_id === id).map((r) => [r.status, Number(r.n)])));
}
