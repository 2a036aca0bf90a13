// Stands in for `aws-sdk/clients/all` in the Lambda bundle. The registry lib's SessionProxy
// requires that module, but only its log delivery and metrics use v2 clients (CloudWatch,
// CloudWatchLogs, S3); our code uses SDK v3. Bundling all of v2 would add ~9 MB and ~1 s of init.
module.exports = {
  CloudWatch: require('aws-sdk/clients/cloudwatch'),
  CloudWatchLogs: require('aws-sdk/clients/cloudwatchlogs'),
  S3: require('aws-sdk/clients/s3'),
};
