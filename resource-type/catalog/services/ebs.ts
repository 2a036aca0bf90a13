import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const ebs = defineService({
  id: 'ebs',
  attributeName: 'Ebs',
  displayName: 'Amazon EBS',
  defaultDescription: 'KMS key for Amazon EBS volume and snapshot encryption',
  purpose: 'EBS volumes and snapshots (and AMIs backed by them).',
  docLinks: [
    { title: 'How EBS encryption works', url: 'https://docs.aws.amazon.com/ebs/latest/userguide/how-ebs-encryption-works.html' },
    {
      title: 'Required KMS key policy for use with encrypted volumes (EC2 Auto Scaling)',
      url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html',
    },
  ],
  viaService: [
    viaService(
      'ViaEc2',
      ['ec2'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.Encrypt, KMS.GenerateDataKeyAll, KMS.ReEncryptAll],
      'EC2 generates and decrypts volume data keys (GenerateDataKeyWithoutPlaintext, Decrypt, ReEncrypt) for the caller; mirrors aws/ebs.',
      { grantActions: [KMS.CreateGrant] },
    ),
  ],
  options: ['AutoScalingGrants'],
  facts: [
    {
      text: 'EC2 creates a grant for each attached volume; CreateGrant is gated by kms:GrantIsForAWSResource (always true when EC2 calls it).',
    },
    { text: 'Encryption context aws:ebs:id = volume or snapshot id.' },
    {
      text: 'Cross-account EC2 Auto Scaling: the trusted account creates a grant (without GrantIsForAWSResource) for its AWSServiceRoleForAutoScaling role; AutoScalingGrants allows exactly that, constrained by kms:GranteePrincipal.',
    },
  ],
});
