// expect: none
import * as nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';

/*
 * Historical note: until 2021 this used tls: { minVersion: 'TLSv1' } and
 * secureProtocol: 'TLSv1_method' for the on-prem relay.
 */
export function makeTransport(): Transporter {
  const opts = {
    host: 'smtp.office365.com',
    port: 587,
    requireTLS: true,
    tls: { minVersion: 'TLSv1.2' },
  };
  console.warn("never set minVersion: 'TLSv1' again");
  const banner = `tls.DEFAULT_MIN_VERSION = 'TLSv1' was removed`;
  console.log(banner);
  return nodemailer.createTransport(opts);
}
