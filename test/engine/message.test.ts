import { clip, MAX_MESSAGE_CHARS, violationMessage } from '../../src/engine/message';

const report = (findings: { path: string; keyword: string; message: string }[]) =>
  violationMessage({ typeName: 'AWS::EC2::Instance', logicalId: 'Box', template: 's3://b/t/aws-ec2-instance.json', findings, remediation: 'Use an approved instance type.' });

describe('failure message', () => {
  it('starts with the resource and the template, lists violations, ends with the remediation', () => {
    const message = report([{ path: '/InstanceType', keyword: 'enum', message: 'value "x" is not one of the approved values: "t3.micro"' }]);
    expect(message).toBe('AWS::EC2::Instance Box is not compliant with template s3://b/t/aws-ec2-instance.json (1 violation): /InstanceType: value "x" is not one of the approved values: "t3.micro". Remediation: Use an approved instance type.');
  });

  it('keeps the first violation\'s path even when its text is huge, and the rest after it', () => {
    const huge = { path: '/InstanceType', keyword: 'enum', message: `value "x" is not one of ${'"v", '.repeat(2000)}` };
    const message = report([huge, { path: '/ImageId', keyword: 'pattern', message: 'bad image' }]);
    expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(message).toContain('/InstanceType: value "x" is not one of');
    expect(message).toContain('/ImageId: bad image');
    expect(message.endsWith('Remediation: Use an approved instance type.')).toBe(true);
  });

  it('fits 4,096 characters with many violations, the first ones within the first 1,024, and says how many are left', () => {
    const findings = Array.from({ length: 300 }, (_, i) => ({ path: `/Tags/${i}/Key`, keyword: 'pattern', message: `value "tag-${i}" does not match the approved pattern ^[a-z]+$` }));
    const message = report(findings);
    expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(message.slice(0, 1024)).toContain('/Tags/0/Key');
    expect(message).toMatch(/and \d+ more \(run rcfge validate for the full list\)\. Remediation: Use an approved instance type\.$/);
  });

  it('never cuts a surrogate pair in half', () => {
    const text = `${'a'.repeat(9)}😀😀`;
    const cut = clip(text, 11);
    expect(cut).toBe(`${'a'.repeat(9)}…`);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(cut)).toBe(false);
  });
});
