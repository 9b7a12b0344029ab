// Outgoing e-mail through SMTP (nodemailer). Configured by SMTP_URL (smtp:// or smtps://,
// credentials in the URL) and MAIL_FROM; without SMTP_URL there is no mailer and callers
// show what they would have sent instead (an invitation link to copy).
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Short timeouts: a form waits for the answer, and a dead mail server must not hold it for minutes. */
const TIMEOUTS_MS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

export function createMailer(options: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport({ url: options.url, ...TIMEOUTS_MS });
  return {
    async send(message) {
      await transport.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}
