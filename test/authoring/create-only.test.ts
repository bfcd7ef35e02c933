import { deriveTemplate } from '../../src/authoring/init/derive';
import { checkCreateOnly } from '../../src/authoring/lint/create-only';
import { builtInRegistry } from '../support/paths';

/**
 * A `delete: deny` template must list the create-only properties it approves: a change to
 * one replaces the resource, and the replacement deletes the protected original.
 */
const bucket = () => builtInRegistry().schemaOfType('AWS::S3::Bucket') as Record<string, unknown>;

describe('createOnlyProperties in derived templates and lint', () => {
  it('init keeps the registry\'s create-only pointers of the properties it approves, and only those', () => {
    const registry = bucket();
    expect(registry.createOnlyProperties).toEqual(expect.arrayContaining(['/properties/BucketName']));
    const { template } = deriveTemplate(registry, { allow: ['BucketName', 'Tags'] });
    expect(template.createOnlyProperties).toEqual(['/properties/BucketName']);
    expect(deriveTemplate(registry, { allow: ['Tags'] }).template).not.toHaveProperty('createOnlyProperties');
  });

  it('lint warns on a deny template that approves a create-only property without listing it', () => {
    const template = { typeName: 'AWS::S3::Bucket', 'x-rcfge': { delete: 'deny' }, type: 'object', additionalProperties: false, properties: { BucketName: { type: 'string' }, Tags: { type: 'array' } } };
    expect(checkCreateOnly(template, bucket())).toEqual([expect.objectContaining({ rule: 'create-only', severity: 'warning', message: expect.stringMatching(/a change to \/properties\/BucketName replaces \(deletes\) the resource/) })]);
    expect(checkCreateOnly({ ...template, createOnlyProperties: ['/properties/BucketName'] }, bucket())).toEqual([]);
    expect(checkCreateOnly({ ...template, 'x-rcfge': { delete: 'allow' } }, bucket())).toEqual([]);
  });
});
