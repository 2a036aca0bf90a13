import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const eks = defineService({
  id: 'eks',
  attributeName: 'Eks',
  displayName: 'Amazon EKS',
  defaultDescription: 'KMS key for Amazon EKS Kubernetes secrets envelope encryption',
  purpose: 'Kubernetes secrets (envelope encryption) of EKS clusters.',
  docLinks: [
    {
      title: 'Encrypt Kubernetes secrets with KMS on existing clusters',
      url: 'https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html',
    },
  ],
  viaService: [
    viaService(
      'ViaEks',
      ['eks'],
      [KMS.DescribeKey],
      'The caller of CreateCluster / AssociateEncryptionConfig needs DescribeKey and CreateGrant through EKS. EKS does not support kms:GrantIsForAWSResource for CreateCluster, so CreateGrant is limited by ViaService and caller account instead.',
      { grantActions: [KMS.CreateGrant], grantsWithoutGrantIsForAwsResource: true },
    ),
  ],
  facts: [
    {
      text: "The key must be in the cluster's Region; encryption cannot be turned off; deleting or disabling the key degrades the cluster permanently.",
    },
  ],
});
