// Jest setupFiles: the registry lib loads the AWS SDK v2 (end-of-support notice on a timer) and
// SDK v3 warns on Node 20 about future releases. Neither is about this project; without this the
// CI log is mostly those notices. Set in each test worker before any module loads.
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= '1';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
