export { type DepartmentScope, registerNotifyRoutes } from './notify.routes.ts';
export {
  type Channels,
  createChannels,
  type DeliveryResult,
  deliverOutbound,
  enqueueNotification,
  enqueueSms,
  NOTIFY_QUEUE,
  type NotificationInput,
  type Recipient,
  registerNotifyJobs,
} from './notify.ts';
export { createFileSmsProvider, createLoggingSmsProvider, type SmsProvider } from './sms.ts';
export { formatMessage, type MailMessage, sendSmtpMail } from './smtp.ts';
