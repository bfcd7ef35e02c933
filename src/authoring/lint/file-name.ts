import { basename } from 'node:path';
import { isTypeName, templateFileName } from '../../engine/file-name';
import type { RuleFinding } from './finding';

/** The Hook looks a template up by the registry file name of its type: any other name is never read. */
export function checkFileName(file: string, template: Record<string, unknown>): RuleFinding[] {
  const typeName = template.typeName;
  if (typeof typeName !== 'string') {
    return [{ path: '', rule: 'file-name', severity: 'error', message: 'no "typeName"; a template names the resource type it restricts (e.g. "AWS::S3::Bucket")' }];
  }
  if (!isTypeName(typeName)) {
    return [{ path: '/typeName', rule: 'file-name', severity: 'error', message: `typeName ${JSON.stringify(typeName)} is not a resource type name (Org::Service::Resource)` }];
  }
  const expected = templateFileName(typeName);
  if (basename(file) !== expected) {
    return [{ path: '/typeName', rule: 'file-name', severity: 'error', message: `typeName ${typeName} must live in ${expected}, not ${basename(file)}: the Hook would never read this file for ${typeName}` }];
  }
  return [];
}
