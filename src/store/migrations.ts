/**
 * One ordered list of migrations that runs on SQLite and PostgreSQL alike. The only dialect
 * differences are column types, passed in as capabilities (store/dialect.ts), never as an `if` here.
 */
import { sql } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { Capabilities } from './dialect.ts';
import { createLivechatStatsIndexes } from './livechat-stats.ts';
import { businessHoursMigration } from './business-hours.ts';

type Db = Kysely<unknown>;

function serialPk(db: Db, c: Capabilities, table: string) {
  return db.schema
    .createTable(table)
    .addColumn('seq', c.serial, (col) =>
      c.serial === 'integer' ? col.primaryKey().autoIncrement() : col.primaryKey(),
    );
}

function initial(c: Capabilities): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .createTable('users')
        .addColumn('_id', 'text', (col) => col.primaryKey())
        .addColumn('username', 'text', (col) => col.notNull().unique())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('email', 'text')
        .addColumn('password_hash', 'text', (col) => col.notNull())
        .addColumn('roles', 'text', (col) => col.notNull())
        .addColumn('status_livechat', 'text', (col) => col.notNull().defaultTo('not-available'))
        .addColumn('custom_fields', 'text')
        .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();

      await db.schema
        .createTable('auth_tokens')
        .addColumn('token_hash', 'text', (col) => col.primaryKey())
        .addColumn('user_id', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('auth_tokens_user').on('auth_tokens').column('user_id').execute();

      await db.schema
        .createTable('settings')
        .addColumn('_id', 'text', (col) => col.primaryKey())
        .addColumn('value', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();

      await db.schema
        .createTable('departments')
        .addColumn('_id', 'text', (col) => col.primaryKey())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('enabled', 'integer', (col) => col.notNull())
        .addColumn('description', 'text')
        .addColumn('email', 'text')
        .addColumn('show_on_registration', 'integer', (col) => col.notNull())
        .addColumn('show_on_offline_form', 'integer', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();

      await db.schema
        .createTable('department_agents')
        .addColumn('department_id', 'text', (col) => col.notNull())
        .addColumn('agent_id', 'text', (col) => col.notNull())
        .addColumn('username', 'text', (col) => col.notNull())
        .addColumn('count', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('order', 'integer', (col) => col.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('department_agents_pk', ['department_id', 'agent_id'])
        .execute();
      await db.schema.createIndex('department_agents_agent').on('department_agents').column('agent_id').execute();

      await db.schema
        .createTable('visitors')
        .addColumn('_id', 'text', (col) => col.primaryKey())
        .addColumn('token', 'text', (col) => col.notNull().unique())
        .addColumn('username', 'text', (col) => col.notNull().unique())
        .addColumn('name', 'text')
        .addColumn('department', 'text')
        .addColumn('emails', 'text')
        .addColumn('phones', 'text')
        .addColumn('custom_fields', 'text', (col) => col.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('host', 'text')
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();

      await db.schema
        .createTable('rooms')
        .addColumn('_id', 'text', (col) => col.primaryKey())
        .addColumn('fname', 'text', (col) => col.notNull())
        .addColumn('visitor_id', 'text', (col) => col.notNull())
        .addColumn('visitor_token', 'text', (col) => col.notNull())
        .addColumn('visitor_username', 'text', (col) => col.notNull())
        .addColumn('department_id', 'text')
        .addColumn('open', 'integer', (col) => col.notNull())
        .addColumn('served_by_id', 'text')
        .addColumn('served_by_username', 'text')
        .addColumn('served_by_ts', 'bigint')
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('last_message_at', 'bigint')
        .addColumn('closed_at', 'bigint')
        .addColumn('closed_by_id', 'text')
        .addColumn('closed_by_username', 'text')
        .addColumn('closer', 'text')
        .addColumn('tags', 'text')
        .addColumn('custom_fields', 'text', (col) => col.notNull())
        .addColumn('topic', 'text')
        .addColumn('crm_data', 'text')
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('os', 'text')
        .addColumn('browser', 'text')
        .addColumn('msgs', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('queued_at', 'bigint')
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('rooms_visitor_token_open').on('rooms').columns(['visitor_token', 'open']).execute();
      await db.schema.createIndex('rooms_served_by_open').on('rooms').columns(['served_by_id', 'open']).execute();
      await db.schema.createIndex('rooms_created_at').on('rooms').column('created_at').execute();

      await serialPk(db, c, 'messages')
        .addColumn('_id', 'text', (col) => col.notNull().unique())
        .addColumn('rid', 'text', (col) => col.notNull())
        .addColumn('msg', 'text', (col) => col.notNull())
        .addColumn('t', 'text')
        .addColumn('u_id', 'text', (col) => col.notNull())
        .addColumn('u_username', 'text', (col) => col.notNull())
        .addColumn('u_name', 'text')
        .addColumn('token', 'text')
        .addColumn('ts', 'bigint', (col) => col.notNull())
        .addColumn('edited_at', 'bigint')
        .addColumn('edited_by_id', 'text')
        .addColumn('edited_by_username', 'text')
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('messages_rid_seq').on('messages').columns(['rid', 'seq']).execute();

      await db.schema
        .createTable('inquiries')
        .addColumn('_id', 'text', (col) => col.primaryKey())
        .addColumn('rid', 'text', (col) => col.notNull().unique())
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('department_id', 'text')
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('message', 'text')
        .addColumn('visitor_id', 'text', (col) => col.notNull())
        .addColumn('visitor_token', 'text', (col) => col.notNull())
        .addColumn('visitor_username', 'text', (col) => col.notNull())
        .addColumn('ts', 'bigint', (col) => col.notNull())
        .addColumn('queued_at', 'bigint', (col) => col.notNull())
        .addColumn('taken_by_id', 'text')
        .addColumn('taken_at', 'bigint')
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('inquiries_status_queued').on('inquiries').columns(['status', 'queued_at']).execute();

      await serialPk(db, c, 'events')
        .addColumn('_id', 'text', (col) => col.notNull().unique())
        .addColumn('type', 'text', (col) => col.notNull())
        .addColumn('rid', 'text')
        .addColumn('department_id', 'text')
        .addColumn('body', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('events_rid').on('events').column('rid').execute();

      await db.schema
        .createTable('endpoints')
        .addColumn('_id', 'text', (col) => col.primaryKey())
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('url', 'text', (col) => col.notNull())
        .addColumn('description', 'text')
        .addColumn('events', 'text', (col) => col.notNull())
        .addColumn('department_ids', 'text')
        .addColumn('headers', 'text')
        .addColumn('timeout_ms', 'integer', (col) => col.notNull())
        .addColumn('retry', 'text', (col) => col.notNull())
        .addColumn('ordering', 'text', (col) => col.notNull())
        .addColumn('rate_limit_per_second', 'integer')
        .addColumn('max_concurrency', 'integer', (col) => col.notNull())
        .addColumn('enabled', 'integer', (col) => col.notNull())
        .addColumn('disabled_reason', 'text')
        .addColumn('secret', 'text', (col) => col.notNull())
        .addColumn('previous_secret', 'text')
        .addColumn('previous_secret_expires_at', 'bigint')
        .addColumn('paused_until', 'bigint')
        .addColumn('failing_since', 'bigint')
        .addColumn('consecutive_failures', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('deleted_at', 'bigint')
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();

      await serialPk(db, c, 'deliveries')
        .addColumn('_id', 'text', (col) => col.notNull().unique())
        .addColumn('event_id', 'text', (col) => col.notNull())
        .addColumn('endpoint_id', 'text', (col) => col.notNull())
        .addColumn('event_type', 'text', (col) => col.notNull())
        .addColumn('rid', 'text')
        .addColumn('order_key', 'text')
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint', (col) => col.notNull())
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'bigint')
        .addColumn('last_status_code', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .addColumn('completed_at', 'bigint')
        .execute();
      // The claim query scans pending rows by due time; the ordering check looks up the oldest
      // pending row of the same (endpoint, order_key).
      await db.schema.createIndex('deliveries_due').on('deliveries').columns(['status', 'next_attempt_at']).execute();
      await db.schema
        .createIndex('deliveries_order')
        .on('deliveries')
        .columns(['endpoint_id', 'order_key', 'status', 'seq'])
        .execute();
      await db.schema.createIndex('deliveries_event').on('deliveries').column('event_id').execute();
      await db.schema
        .createIndex('deliveries_created')
        .on('deliveries')
        .columns(['endpoint_id', 'created_at'])
        .execute();

      await serialPk(db, c, 'attempts')
        .addColumn('delivery_id', 'text', (col) => col.notNull())
        .addColumn('endpoint_id', 'text', (col) => col.notNull())
        .addColumn('attempt', 'integer', (col) => col.notNull())
        .addColumn('started_at', 'bigint', (col) => col.notNull())
        .addColumn('duration_ms', 'integer', (col) => col.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('error_class', 'text')
        .addColumn('error_message', 'text')
        .addColumn('request_headers', 'text', (col) => col.notNull())
        .addColumn('response_headers', 'text')
        .addColumn('response_body', 'text')
        .execute();
      await db.schema.createIndex('attempts_delivery').on('attempts').columns(['delivery_id', 'attempt']).execute();
    },
  };
}

/** Widget file uploads (issue 6): an uploads table, and file/attachments on messages. */
function uploads(c: Capabilities): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .createTable('uploads')
        .addColumn('_id', 'text', (col) => col.primaryKey())
        .addColumn('rid', 'text', (col) => col.notNull())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('type', 'text', (col) => col.notNull())
        .addColumn('size', 'bigint', (col) => col.notNull())
        .addColumn('data', c.bytes, (col) => col.notNull())
        .addColumn('user_id', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('uploads_rid').on('uploads').column('rid').execute();
      await db.schema.alterTable('messages').addColumn('file', 'text').execute();
      await db.schema.alterTable('messages').addColumn('attachments', 'text').execute();
    },
  };
}

/**
 * Partial indexes over pending deliveries only: the claim, the ordering check and the lease count
 * then cost the same however long the log of finished deliveries grows.
 */
function pendingIndexes(): Migration {
  return {
    async up(db: Db) {
      const pending = sql<boolean>`status = 'pending'`;
      await db.schema
        .createIndex('deliveries_pending_due')
        .on('deliveries')
        .columns(['endpoint_id', 'next_attempt_at', 'seq'])
        .where(pending)
        .execute();
      await db.schema
        .createIndex('deliveries_pending_order')
        .on('deliveries')
        .columns(['endpoint_id', 'order_key', 'seq'])
        .where(pending)
        .execute();
      await db.schema
        .createIndex('deliveries_pending_lease')
        .on('deliveries')
        .columns(['endpoint_id', 'lease_until'])
        .where(pending)
        .execute();
    },
  };
}

/**
 * The full (status, next_attempt_at) and (endpoint_id, order_key, status, seq) indexes are
 * superseded by the pending-only ones. Left in place, SQLite (with no statistics) chose the old
 * one for the claim and walked every endpoint's due rows, so a dead endpoint's backlog slowed the
 * healthy ones; every delivery insert also paid for two more indexes.
 */
function dropFullDeliveryIndexes(): Migration {
  return {
    async up(db: Db) {
      await db.schema.dropIndex('deliveries_due').execute();
      await db.schema.dropIndex('deliveries_order').execute();
    },
  };
}

/**
 * No query reads events by room (the delivery log filters deliveries, which carry the room), yet
 * every event paid for this index: rooms are many, so each insert dirtied a page of its own that
 * the commit then wrote to the log. Measured at about a fifth of SQLite's work per message
 * (bench/lib/store-floor.ts).
 */
function dropEventsRidIndex(): Migration {
  return {
    async up(db: Db) {
      await db.schema.dropIndex('events_rid').execute();
    },
  };
}

/**
 * The built-in endpoint's Rocket.Chat token header (Livechat_secret_token), written through from
 * the Webhooks-page settings like its URL and timeout, so a delivery reads everything it sends
 * from the endpoint row (services/settings.ts syncs the row at start and on every change).
 */
function endpointToken(): Migration {
  return {
    async up(db: Db) {
      await db.schema.alterTable('endpoints').addColumn('token', 'text').execute();
    },
  };
}

/**
 * Issue 12. `deliveries.held`: a due row found behind its room's oldest pending row is held (until
 * a time) by the claim, so the claim's index (pending, not held) no longer holds it and a blocked
 * backlog costs nothing per claim; recording the room's head un-holds the next row, and a hold
 * that ran out is lifted (store/outbox/held.ts). deliveries_claimable replaces
 * deliveries_pending_due; deliveries_held finds the holds that ran out. `endpoints.breaker_mark`: attempts started before it (the
 * last counted failure, or the success that ended a streak) no longer move the circuit breaker.
 */
function claimHeads(): Migration {
  return {
    async up(db: Db) {
      await db.schema.alterTable('deliveries').addColumn('held', 'bigint').execute();
      await db.schema.alterTable('endpoints').addColumn('breaker_mark', 'bigint').execute();
      await db.schema
        .createIndex('deliveries_claimable')
        .on('deliveries')
        .columns(['endpoint_id', 'next_attempt_at', 'seq'])
        .where(sql<boolean>`status = 'pending' AND held IS NULL`)
        .execute();
      await db.schema
        .createIndex('deliveries_held')
        .on('deliveries')
        .column('held')
        .where(sql<boolean>`status = 'pending' AND held IS NOT NULL`)
        .execute();
      await db.schema.dropIndex('deliveries_pending_due').execute();
    },
  };
}

/**
 * Presence and routing (issue 11): `users.online` and `users.connected_until` are the shared truth
 * of an agent's live connections (every process heartbeats the agents it holds a stream of; the
 * presence scheduler turns an expired lease into online = 0), `rooms.auto_transferred_at` marks a
 * room moved once by Livechat_auto_transfer_chat_timeout (Rocket.Chat's autoTransferredAt), and
 * `departments.max_number_simultaneous_chat` is Rocket.Chat's per-department limit (0 = none).
 */
function presence(): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .alterTable('users')
        .addColumn('online', 'integer', (col) => col.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('users').addColumn('connected_until', 'bigint').execute();
      await db.schema.alterTable('rooms').addColumn('auto_transferred_at', 'bigint').execute();
      await db.schema
        .alterTable('departments')
        .addColumn('max_number_simultaneous_chat', 'integer', (col) => col.notNull().defaultTo(0))
        .execute();
    },
  };
}

/**
 * Issue 13: canned responses (Rocket.Chat's canned-responses: shortcut, text, scope global or
 * department), the managed tag list (livechat/tags; `departments` is a JSON id list, empty =
 * global) and Rocket.Chat's department flag requestTagBeforeClosingChat.
 */
function cannedAndTags(): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .createTable('canned_responses')
        .addColumn('_id', 'text', (col) => col.primaryKey())
        .addColumn('shortcut', 'text', (col) => col.notNull().unique())
        .addColumn('text', 'text', (col) => col.notNull())
        .addColumn('scope', 'text', (col) => col.notNull())
        .addColumn('department_id', 'text')
        .addColumn('created_by_id', 'text', (col) => col.notNull())
        .addColumn('created_by_username', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema
        .createTable('tags')
        .addColumn('_id', 'text', (col) => col.primaryKey())
        .addColumn('name', 'text', (col) => col.notNull().unique())
        .addColumn('description', 'text')
        .addColumn('departments', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema
        .alterTable('departments')
        .addColumn('request_tag_before_closing_chat', 'integer', (col) => col.notNull().defaultTo(0))
        .execute();
    },
  };
}

/**
 * Offline messages (issue 13): what a visitor left through the offline form, kept so a manager
 * can read, answer and mark it handled even when no mail went out. `mail_status` is the outcome
 * of the email sent after the commit: pending, sent, failed or none (no address configured).
 */
function offlineMessages(): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .createTable('offline_messages')
        .addColumn('_id', 'text', (col) => col.primaryKey())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('email', 'text', (col) => col.notNull())
        .addColumn('message', 'text', (col) => col.notNull())
        .addColumn('department_id', 'text')
        .addColumn('mail_to', 'text')
        .addColumn('mail_status', 'text', (col) => col.notNull())
        .addColumn('mail_error', 'text')
        .addColumn('handled_at', 'bigint')
        .addColumn('handled_by', 'text')
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('offline_messages_created').on('offline_messages').column('created_at').execute();
    },
  };
}

/**
 * Issue 13, Oversight: a forward records who handed the chat to whom, as Rocket.Chat's
 * `livechat_transfer_history` message carries it in `transferData` (transferredBy,
 * transferredTo, nextDepartment, scope, comment). JSON text, null on every other message.
 */
/**
 * Issue 14 (0018): where a room came from, Rocket.Chat's `source.type`: `widget` when the request
 * carried the widget's cookies, `api` otherwise. Rooms from before were all opened by a widget.
 */
function roomSource(): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .alterTable('rooms')
        .addColumn('source_type', 'text', (c) => c.notNull().defaultTo('widget'))
        .execute();
    },
  };
}

/**
 * Issue 15 (0019): the visitor's satisfaction survey on the room, Rocket.Chat's `surveyFeedback`
 * (JSON object, item name to value; null until answered). See domain/survey.ts.
 */
function surveyFeedback(): Migration {
  return {
    async up(db: Db) {
      await db.schema.alterTable('rooms').addColumn('survey_feedback', 'text').execute();
    },
  };
}

function transferData(): Migration {
  return {
    async up(db: Db) {
      await db.schema.alterTable('messages').addColumn('transfer_data', 'text').execute();
    },
  };
}

/**
 * Issue 13, history (0012): Rocket.Chat's `transcriptRequest` on a room (JSON: requestedAt,
 * requestedBy, email, subject, then the outcome once the room closed), and the pages a visitor
 * visited (`livechat/page.visited`), kept in their own table rather than as hidden system
 * messages: Rocket.Chat's `livechat_navigation_history` rows would otherwise have to be filtered
 * out of every message path (history, SSE, DDP, payloads, transcripts).
 */
function history(): Migration {
  return {
    async up(db: Db) {
      await db.schema.alterTable('rooms').addColumn('transcript_request', 'text').execute();
      await db.schema
        .createTable('page_visits')
        .addColumn('_id', 'text', (col) => col.primaryKey())
        .addColumn('token', 'text', (col) => col.notNull())
        .addColumn('rid', 'text')
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('href', 'text', (col) => col.notNull())
        .addColumn('change', 'text', (col) => col.notNull())
        .addColumn('ts', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('page_visits_token_ts').on('page_visits').columns(['token', 'ts']).execute();
      await db.schema.createIndex('page_visits_rid_ts').on('page_visits').columns(['rid', 'ts']).execute();
    },
  };
}

/**
 * Issue 13: a canned response's tags (Rocket.Chat's `tags: string[]`), a JSON string list, so
 * the canned-responses list filters by them and the picker searches them.
 */
function cannedResponseTags(): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .alterTable('canned_responses')
        .addColumn('tags', 'text', (col) => col.notNull().defaultTo('[]'))
        .execute();
    },
  };
}

/**
 * Issue 14, contacts (0015): Rocket.Chat 7's contact model. A contact has channels (one per
 * visitor and source: our widget, the Rocket.Chat widget, the API), each blocked or verified on
 * its own; emails and phones as JSON lists, with `contact_keys` beside them so an exact email or
 * phone look-up (checkExistence, matching a visitor, merging) is an indexed query on both
 * dialects instead of a JSON search. A visitor points at its contact (`visitors.contact_id`).
 */
function contacts(): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .createTable('contacts')
        .addColumn('_id', 'text', (col) => col.primaryKey())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('emails', 'text', (col) => col.notNull())
        .addColumn('phones', 'text', (col) => col.notNull())
        .addColumn('contact_manager', 'text')
        .addColumn('unknown', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('custom_fields', 'text', (col) => col.notNull())
        .addColumn('conflicting_fields', 'text', (col) => col.notNull())
        .addColumn('enabled', 'integer', (col) => col.notNull().defaultTo(1))
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('contacts_name').on('contacts').column('name').execute();
      await db.schema
        .createTable('contact_keys')
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('value', 'text', (col) => col.notNull())
        .addColumn('contact_id', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('contact_keys_pk', ['kind', 'value', 'contact_id'])
        .execute();
      await db.schema.createIndex('contact_keys_contact').on('contact_keys').column('contact_id').execute();
      await db.schema
        .createTable('contact_channels')
        .addColumn('visitor_id', 'text', (col) => col.notNull())
        .addColumn('source_type', 'text', (col) => col.notNull())
        .addColumn('source_id', 'text', (col) => col.notNull())
        .addColumn('contact_id', 'text', (col) => col.notNull())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('verified', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('verified_at', 'bigint')
        .addColumn('field', 'text')
        .addColumn('value', 'text')
        .addColumn('blocked', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('details', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addPrimaryKeyConstraint('contact_channels_pk', ['visitor_id', 'source_type', 'source_id'])
        .execute();
      await db.schema.createIndex('contact_channels_contact').on('contact_channels').column('contact_id').execute();
      await db.schema
        .createIndex('contact_channels_verified')
        .on('contact_channels')
        .columns(['field', 'value'])
        .execute();
      await db.schema.alterTable('visitors').addColumn('contact_id', 'text').execute();
      await db.schema.createIndex('visitors_contact').on('visitors').column('contact_id').execute();
    },
  };
}

/**
 * Issue 14 (0017): Rocket.Chat's custom-field registry (`livechat_custom_field`: which keys a
 * visitor or room may carry in livechatData; the optional attributes stay null when never given,
 * so answers omit them as Rocket.Chat does) and the edited permission table (`permissions`: a row
 * only for a permission an admin changed; the defaults live in domain/permissions.ts).
 */
function customFieldsAndPermissions(): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .createTable('livechat_custom_fields')
        .addColumn('_id', 'text', (col) => col.primaryKey())
        .addColumn('label', 'text', (col) => col.notNull())
        .addColumn('scope', 'text', (col) => col.notNull())
        .addColumn('visibility', 'text', (col) => col.notNull())
        .addColumn('type', 'text')
        .addColumn('regexp', 'text')
        .addColumn('required', 'integer')
        .addColumn('default_value', 'text')
        .addColumn('options', 'text')
        .addColumn('public', 'integer')
        .addColumn('searchable', 'integer')
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex('livechat_custom_fields_scope')
        .on('livechat_custom_fields')
        .column('scope')
        .execute();
      await db.schema
        .createTable('permissions')
        .addColumn('_id', 'text', (col) => col.primaryKey())
        .addColumn('roles', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
    },
  };
}

/**
 * Issue 14, departments (0016): Rocket.Chat's archive flag and forwarding rules on a department
 * (`departments_allowed_to_forward` is a JSON id list, empty = any), and `user_status`: a user's
 * chosen presence status and status text (Rocket.Chat's statusDefault and statusText,
 * users.setStatus), in a table of its own so the users table and its writers stay unchanged.
 */
function departmentRules(): Migration {
  return {
    async up(db: Db) {
      for (const [name, type] of [
        ['archived', 'integer'],
        ['allow_receive_forward_offline', 'integer'],
      ] as const) {
        await db.schema
          .alterTable('departments')
          .addColumn(name, type, (col) => col.notNull().defaultTo(0))
          .execute();
      }
      await db.schema.alterTable('departments').addColumn('fallback_forward_department', 'text').execute();
      await db.schema
        .alterTable('departments')
        .addColumn('departments_allowed_to_forward', 'text', (col) => col.notNull().defaultTo('[]'))
        .execute();
      await db.schema
        .createTable('user_status')
        .addColumn('user_id', 'text', (col) => col.primaryKey())
        .addColumn('status', 'text')
        .addColumn('status_text', 'text')
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
    },
  };
}

/**
 * Issue 15, triggers (0020): Rocket.Chat's livechat_trigger. Conditions and actions are JSON
 * lists kept as text (store/triggers.ts reads and writes them); enabled feeds livechat/config.
 */
function triggers(): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .createTable('livechat_triggers')
        .addColumn('_id', 'text', (col) => col.primaryKey())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
        .addColumn('enabled', 'integer', (col) => col.notNull().defaultTo(1))
        .addColumn('run_once', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('conditions', 'text', (col) => col.notNull())
        .addColumn('actions', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
    },
  };
}

/**
 * Issue 17 (0024): deliveries parked as failed, per endpoint, for the "N failed, needs attention"
 * count on the endpoints list and the menu (store/outbox/attention.ts). Partial, so only a
 * delivery parking or leaving 'failed' touches it; the insert path pays nothing.
 */
function failedDeliveriesIndex(): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .createIndex('deliveries_failed')
        .on('deliveries')
        .column('endpoint_id')
        .where(sql<boolean>`status = 'failed'`)
        .execute();
    },
  };
}

/**
 * Issue 15 (0023): rooms taken from the queue, newest take first, for the estimated wait
 * (services/livechat/queue-position.ts reads the last 100 after each queue change). Partial: rooms
 * an agent got at once (never queued) are not in it.
 */
function queueWaitsIndex(): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .createIndex('rooms_queue_served')
        .on('rooms')
        .column('served_by_ts')
        .where(sql<boolean>`queued_at is not null`)
        .execute();
    },
  };
}

export function migrationProvider(c: Capabilities): MigrationProvider {
  // Names sort in order; append new migrations, never edit an applied one.
  const list: Record<string, Migration> = {
    '0001_initial': initial(c),
    '0002_uploads': uploads(c),
    '0003_pending_indexes': pendingIndexes(),
    '0004_drop_full_delivery_indexes': dropFullDeliveryIndexes(),
    '0005_drop_events_rid_index': dropEventsRidIndex(),
    '0006_endpoint_token': endpointToken(),
    '0007_claim_heads': claimHeads(),
    '0008_presence': presence(),
    '0009_canned_tags': cannedAndTags(),
    '0010_offline_messages': offlineMessages(),
    '0011_transfer_data': transferData(),
    '0012_history': history(),
    // the livechat metrics' and dashboard's indexes (store/livechat-stats.ts)
    '0013_livechat_stats_indexes': { up: createLivechatStatsIndexes },
    '0014_canned_response_tags': cannedResponseTags(),
    '0015_contacts': contacts(),
    '0016_department_rules': departmentRules(),
    '0017_custom_fields_permissions': customFieldsAndPermissions(),
    '0018_room_source': roomSource(),
    '0019_survey_feedback': surveyFeedback(),
    '0020_triggers': triggers(),
    // business hours and the departments that follow them (store/business-hours.ts)
    '0021_business_hours': businessHoursMigration(),
    '0023_queue_waits_index': queueWaitsIndex(),
    '0024_failed_deliveries_index': failedDeliveriesIndex(),
  };
  return { getMigrations: async () => list };
}
