import type { AuditResult } from '../audit';
import type { Check, PlaceReport } from '../types';
import { placeLine } from './summary';

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    // XML 1.0 forbids most control characters, even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function outcome(status: 'ok' | 'drift' | 'unknown', summary: string, details: string): string {
  if (status === 'drift') return `<failure type="DRIFT" message="${escape(summary)}">${escape(details)}</failure>`;
  if (status === 'unknown') return `<error type="CANNOT_CHECK" message="${escape(summary)}">${escape(details)}</error>`;
  return '';
}

const details = (checks: readonly Check[]): string => checks.map((c) => `${c.status.toUpperCase().padEnd(7)} ${c.id}: ${c.message}`).join('\n');

function testcase(place: PlaceReport): string {
  const status = place.status === 'OK' ? 'ok' : place.status === 'DRIFT' ? 'drift' : 'unknown';
  return `    <testcase classname="${escape(place.account)}" name="${escape(place.region)}">${outcome(status, placeLine(place), details(place.checks))}</testcase>`;
}

/** JUnit XML for CI dashboards: a test case per account and region (failure = drift, error = cannot check) and one for the bucket. */
export function formatJunit(result: AuditResult): string {
  const cases = result.places.map(testcase);
  cases.push(`    <testcase classname="bucket" name="templates">${outcome(result.bucket.status, result.bucket.message, details([result.bucket]))}</testcase>`);
  const failures = result.places.filter((p) => p.status === 'DRIFT').length + (result.bucket.status === 'drift' ? 1 : 0);
  const errors = result.places.filter((p) => p.status === 'CANNOT_CHECK').length + (result.bucket.status === 'unknown' ? 1 : 0);
  const suite = `tests="${cases.length}" failures="${failures}" errors="${errors}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="rcfge audit" ${suite}>`,
    `  <testsuite name="${escape(result.stackSet)}" ${suite}>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
  ].join('\n');
}
