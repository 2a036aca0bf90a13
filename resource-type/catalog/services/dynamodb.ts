import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const dynamodb = defineService({
  id: 'dynamodb',
  attributeName: 'DynamoDb',
  displayName: 'Amazon DynamoDB',
  defaultDescription: 'KMS key for Amazon DynamoDB table encryption',
  purpose: 'DynamoDB tables, their streams and backups.',
  docLinks: [
    {
      title: 'How Amazon DynamoDB uses AWS KMS',
      url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.usagenotes.html',
    },
  ],
  viaService: [
    viaService(
      'ViaDynamoDb',
      ['dynamodb'],
      [KMS.Decrypt, KMS.DescribeKey, KMS.Encrypt, KMS.GenerateDataKeyAll, KMS.ReEncryptAll],
      'DynamoDB calls KMS for the table creator and creates per-table grants; mirrors aws/dynamodb. With GlobalTables the host is dynamodb.*.amazonaws.com (every Region).',
      { grantActions: [KMS.CreateGrant] },
    ),
  ],
  servicePrincipals: [
    {
      id: 'DynamoDbService',
      principal: 'dynamodb',
      actions: ['kms:Describe*', 'kms:Get*', 'kms:List*'],
      why: 'DynamoDB reads key metadata to monitor the key state; as in aws/dynamodb (read-only, no cryptographic use).',
    },
  ],
  options: ['GlobalTables'],
  facts: [
    { text: 'Encryption context aws:dynamodb:tableName and aws:dynamodb:subscriberId.' },
    {
      text: 'Global tables replicate through DynamoDB in every replica Region: GlobalTables uses StringLike kms:ViaService dynamodb.*.amazonaws.com.',
    },
    {
      text: 'Whether the dynamodb.amazonaws.com principal sends aws:SourceAccount is not documented, so that statement has no source condition.',
      uncertain: true,
    },
  ],
});
