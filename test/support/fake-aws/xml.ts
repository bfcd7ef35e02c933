/**
 * The AWS Query protocol's wire format (CloudFormation, STS): form-encoded requests,
 * XML responses whose lists are <member> elements, errors in an <ErrorResponse>.
 */
export type XmlValue = string | number | boolean | Date | undefined | XmlValue[] | { [key: string]: XmlValue };

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

export function toXml(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return `<${name}>${value.map((item) => toXml('member', item)).join('')}</${name}>`;
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([k, v]) => toXml(k, v)).join('')}</${name}>`;
  return `<${name}>${escape(String(value))}</${name}>`;
}

export function queryResponse(action: string, namespace: string, result: Record<string, XmlValue>, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${namespace}">${toXml(`${action}Result`, result)}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

export function queryError(namespace: string, code: string, message: string, requestId: string): string {
  const type = /Internal|Unavailable/.test(code) ? 'Receiver' : 'Sender';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${namespace}"><Error><Type>${type}</Type><Code>${escape(code)}</Code><Message>${escape(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}

/** `A.member.1.B=x` form parameters, kept flat: handlers read the keys they need. */
export function parseForm(body: string): Map<string, string> {
  return new Map(new URLSearchParams(body).entries());
}
