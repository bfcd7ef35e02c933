import type { Finding } from '../../src/engine/findings';
import { clip, MAX_MESSAGE_CHARS, violationMessage } from '../../src/engine/message';

type Violation = { path: string; keyword: string; message: string } & Partial<Finding>;
const underDefault = (f: Violation): Finding => ({ rule: `RCFGE.${f.keyword}`, title: 'Value not approved', ...f });
const report = (findings: Violation[], remediation: string | undefined = 'Use an approved instance type.') =>
  violationMessage({ typeName: 'AWS::EC2::Instance', logicalId: 'Box', template: 's3://b/t/aws-ec2-instance.json', findings: findings.map(underDefault), remediation });

describe('failure message', () => {
  it('starts with the resource and the template, lists violations, ends with the remediation', () => {
    const message = report([{ path: '/InstanceType', keyword: 'enum', message: 'value "x" is not one of the approved values: "t3.micro"' }]);
    expect(message).toBe('AWS::EC2::Instance Box is not compliant with template s3://b/t/aws-ec2-instance.json (1 violation): [RCFGE.enum] Value not approved: /InstanceType value "x" is not one of the approved values: "t3.micro". Remediation: Use an approved instance type.');
  });

  it('keeps the first violation\'s path even when its text is huge, and the rest after it', () => {
    const huge = { path: '/InstanceType', keyword: 'enum', message: `value "x" is not one of ${'"v", '.repeat(2000)}` };
    const message = report([huge, { path: '/ImageId', keyword: 'pattern', message: 'bad image' }]);
    expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(message).toContain('[RCFGE.enum] Value not approved: /InstanceType value "x" is not one of');
    expect(message).toContain('[RCFGE.pattern] Value not approved: /ImageId bad image');
    expect(message.endsWith('Remediation: Use an approved instance type.')).toBe(true);
  });

  it('fits 4,096 characters with many violations, the first ones within the first 1,024, and says how many are left', () => {
    const findings = Array.from({ length: 300 }, (_, i) => ({ path: `/Tags/${i}/Key`, keyword: 'pattern', message: `value "tag-${i}" does not match the approved pattern ^[a-z]+$` }));
    const message = report(findings);
    expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(message.slice(0, 1024)).toContain('/Tags/0/Key');
    expect(message).toMatch(/and \d+ more \(run rcfge validate for the full list\)\. Remediation: Use an approved instance type\.$/);
  });

  it('names each violation by its rule and gives each rule\'s remediation once, then the template\'s', () => {
    const ssh = { path: '/SecurityGroupIngress/2/ToPort', keyword: 'maximum', message: 'value 22 must be <= 21', rule: 'ORG-EC2-1', title: 'SSH and RDP are not open to the internet', remediation: 'Use Session Manager.' };
    const message = report([ssh, { ...ssh, path: '/SecurityGroupIngress/3/ToPort' }, { path: '/Foo', keyword: 'additionalProperties', message: 'property "Foo" is not approved' }]);
    expect(message).toContain('(3 violations): [ORG-EC2-1] SSH and RDP are not open to the internet: /SecurityGroupIngress/2/ToPort value 22 must be <= 21; [ORG-EC2-1] SSH');
    expect(message).toContain('; [RCFGE.additionalProperties] Value not approved: /Foo property "Foo" is not approved.');
    expect(message.endsWith(' Remediation: [ORG-EC2-1] Use Session Manager. Use an approved instance type.')).toBe(true);
    expect(message.split('Use Session Manager').length).toBe(2);
  });

  it('does not repeat a rule remediation that is the template\'s own', () => {
    const message = report([{ path: '/A', keyword: 'const', message: 'm', rule: 'ORG-1', title: 'T', remediation: 'Same text.' }], 'Same text.');
    expect(message.endsWith('. Remediation: Same text.')).toBe(true);
  });

  it('never cuts a surrogate pair in half', () => {
    const text = `${'a'.repeat(9)}😀😀`;
    const cut = clip(text, 11);
    expect(cut).toBe(`${'a'.repeat(9)}…`);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(cut)).toBe(false);
  });
});
