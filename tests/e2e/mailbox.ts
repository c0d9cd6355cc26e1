// The e-mails the real SMTP server on loopback received (aiosmtpd, started by the test
// command, stores them in a Maildir: ETALASE_TEST_MAILDIR). Read as a mail client would:
// headers unfolded, quoted-printable bodies decoded.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';

export const MAILDIR = process.env.ETALASE_TEST_MAILDIR;

export interface Mail {
  to: string;
  subject: string;
  messageId: string;
  text: string;
  html: string;
}

function decodeQuotedPrintable(body: string): string {
  const bytes: number[] = [];
  const soft = body.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i];
    if (c === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeHeader(value: string): string {
  // RFC 2047 encoded words, as mail builders write non-ASCII subjects.
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  ).replace(/\?=\s+=\?/g, '');
}

function parse(raw: string): Mail {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0) headers.set(line.slice(0, at).toLowerCase(), line.slice(at + 1).trim());
  }
  const body = rest.join('\n\n');
  const parts = body.split(/--[A-Za-z0-9'()+_,./:=?-]{10,}/);
  const part = (type: string) => {
    const found = parts.find((p) => p.toLowerCase().includes(`content-type: ${type}`));
    if (!found) return '';
    const content = found.split(/\r?\n\r?\n/).slice(1).join('\n\n');
    return /quoted-printable/i.test(found) ? decodeQuotedPrintable(content) : content;
  };
  return {
    to: headers.get('to') ?? '',
    subject: decodeHeader(headers.get('subject') ?? ''),
    messageId: headers.get('message-id') ?? '',
    text: part('text/plain'),
    html: part('text/html'),
  };
}

/** Every message so far whose To is `address`. */
export function mailsTo(address: string): Mail[] {
  if (!MAILDIR) return [];
  const mails: Mail[] = [];
  for (const sub of ['new', 'cur']) {
    let names: string[] = [];
    try {
      names = readdirSync(join(MAILDIR, sub));
    } catch {
      continue;
    }
    for (const name of names) {
      const mail = parse(readFileSync(join(MAILDIR, sub, name), 'utf8'));
      if (mail.to.includes(address)) mails.push(mail);
    }
  }
  return mails;
}

/** Waits until `address` has a message whose subject matches `subject`; returns it. */
export async function waitForMail(address: string, subject: RegExp): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(() => {
      found = mailsTo(address).find((m) => subject.test(m.subject));
      return found !== undefined;
    }, { timeout: 20_000, message: `a mail to ${address} with subject ${subject}` })
    .toBe(true);
  return found!;
}
