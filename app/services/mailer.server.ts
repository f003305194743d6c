import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { MailMessage, MailPort } from '../domain/notify/notify.server';

/**
 * Email delivery. With SMTP_URL: nodemailer over SMTP. Without: each message is written as an .eml
 * file into MAIL_DIR, so a local run shows what would have been sent.
 */
export function createMailer(opts: { smtpUrl?: string; mailDir: string; from: string; baseUrl: string }): MailPort {
  if (opts.smtpUrl) {
    const transport = nodemailer.createTransport(opts.smtpUrl);
    return {
      baseUrl: opts.baseUrl,
      async send(m: MailMessage) {
        const info = await transport.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId });
        return String(info.messageId);
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    baseUrl: opts.baseUrl,
    async send(m: MailMessage) {
      const info = await transport.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId });
      await mkdir(opts.mailDir, { recursive: true });
      const file = path.join(opts.mailDir, `${Date.now()}-${m.messageId.replace(/[^A-Za-z0-9.-]/g, '')}.eml`);
      await writeFile(file, info.message as Buffer);
      return `file:${file}`;
    },
  };
}
