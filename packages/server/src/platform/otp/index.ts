export { type CodeCheck, type IssuedCode, issueOneTimeCode, type OneTimeCodeOptions, useOneTimeCode } from './otp.ts';
