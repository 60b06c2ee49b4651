// Package notify sends Netral's e-mail notifications: a case assigned to a
// handler, a step due tomorrow or overdue (to the handler and the chair),
// and status updates to public reporters who left an address.
//
// A message is first a row of the outbox (table email_outbox), written by
// [Notifier.Enqueue] in the same transaction as the change that causes it,
// together with the durable job (send_email) that delivers it: a crash can
// neither lose a message nor send one for a change that was rolled back.
// The job talks to the deployment's SMTP server ([SMTPConfig], from
// NETRAL_SMTP_* variables), retries temporary failures (SMTP 4xx, network)
// with growing waits, and records a permanent failure (SMTP 5xx) or the last
// error on the row. Without an SMTP server, messages stay in the outbox as
// not_configured for an admin to see and send again later.
//
// Bodies are plain text; subjects are one line (line breaks removed, so no
// header can be injected). The address of a private recipient (a reporter)
// is stored only sealed with the report key ([Sealer]) and is never logged
// or shown; errors mentioning it are scrubbed.
//
// Reminders are produced by functions other packages register
// ([RegisterReminder]); a periodic job runs them every hour and queues what
// they return, once per DedupeKey. Templates in Bahasa Indonesia and English
// build the messages ([CaseAssigned], [StepReminder], [ReporterUpdate]).
package notify
